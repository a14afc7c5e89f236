package io.dinp.dash.auth;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The part of a client address that the throttles count by: an IPv4 address as it is, an IPv6
 * address by its /64 — one host usually holds a whole /64, and counting each of its 2^64
 * addresses apart would let it guess without end.
 */
final class AddressKey {
    private AddressKey() {
    }

    static String of(String address) {
        if (address == null || address.indexOf(':') < 0) {
            return address;
        }
        try {
            // a literal: no name lookup happens
            InetAddress a = InetAddress.getByName(address.startsWith("[") ? address.substring(1, address.length() - 1) : address);
            if (!(a instanceof Inet6Address)) {
                return a.getHostAddress();
            }
            byte[] b = a.getAddress();
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < 8; i += 2) {
                sb.append(Integer.toHexString(((b[i] & 0xff) << 8) | (b[i + 1] & 0xff))).append(':');
            }
            return sb.append(":/64").toString();
        } catch (UnknownHostException e) {
            return address;
        }
    }
}
