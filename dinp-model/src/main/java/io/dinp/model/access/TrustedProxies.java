package io.dinp.model.access;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The proxies (load balancers) in front of a service whose {@code X-Forwarded-For} it believes,
 * as networks, and the client address that makes a request's: walking the header from its right
 * end (the hop nearest us), every address a trusted proxy added is passed over, and the first one
 * no trusted proxy stands for is the client. Without trusted proxies, or from a peer that is not
 * one, the header is ignored: anyone can write it.
 */
public final class TrustedProxies {
    public static final TrustedProxies NONE = new TrustedProxies(List.of(), "");

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]{2,45}");

    private record Net(byte[] network, int prefix) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (address[full] & mask) == (network[full] & mask);
        }
    }

    private final List<Net> nets;
    private final String text;

    private TrustedProxies(List<Net> nets, String text) {
        this.nets = nets;
        this.text = text;
    }

    /**
     * Networks separated by commas, each an IPv4 or IPv6 address with an optional prefix length:
     * {@code 10.0.0.0/8,192.168.1.7,fd00::/8}; blank for none.
     *
     * @throws IllegalArgumentException naming {@code field} and the entry that is not a network
     */
    public static TrustedProxies parse(String field, String networks) {
        if (networks == null || networks.isBlank()) {
            return NONE;
        }
        List<Net> nets = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        for (String raw : networks.split(",", -1)) {
            String e = raw.trim();
            int slash = e.indexOf('/');
            InetAddress a = literal(slash < 0 ? e : e.substring(0, slash));
            if (a == null) {
                throw new IllegalArgumentException(field + ": '" + e + "' is not an IP address or network (e.g. 10.0.0.0/8, fd00::/8)");
            }
            int bits = a.getAddress().length * 8;
            int prefix;
            try {
                prefix = slash < 0 ? bits : Integer.parseInt(e.substring(slash + 1));
            } catch (NumberFormatException ex) {
                prefix = -1;
            }
            if (prefix < 0 || prefix > bits) {
                throw new IllegalArgumentException(field + ": '" + e + "' has a prefix length outside 0.." + bits);
            }
            Net net = new Net(a.getAddress(), prefix);
            byte[] masked = a.getAddress().clone();
            for (int bit = prefix; bit < bits; bit++) {
                masked[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
            }
            if (!java.util.Arrays.equals(masked, a.getAddress())) {
                throw new IllegalArgumentException(field + ": '" + e + "' has host bits set beyond /" + prefix);
            }
            nets.add(net);
            texts.add(a.getHostAddress() + "/" + prefix);
        }
        return new TrustedProxies(List.copyOf(nets), String.join(",", texts));
    }

    public boolean isEmpty() {
        return nets.isEmpty();
    }

    /** Whether {@code address} (an IP literal) is one of the trusted proxies; false for anything else. */
    public boolean trusts(String address) {
        InetAddress a = literal(address);
        if (a == null) {
            return false;
        }
        byte[] bytes = a.getAddress();
        for (Net n : nets) {
            if (n.contains(bytes)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The client's address for a request from {@code peer} (the connection's address) carrying
     * {@code forwardedFor}, the {@code X-Forwarded-For} headers' values in order (each may list
     * several addresses separated by commas): {@code peer} unless it is trusted, then the header's
     * addresses from the right, as long as each one before is trusted. An entry that is not an IP
     * address (a name, "unknown", garbage) ends the walk at the trusted hop before it.
     */
    public String clientOf(String peer, List<String> forwardedFor) {
        if (nets.isEmpty() || forwardedFor == null || forwardedFor.isEmpty() || !trusts(peer)) {
            return peer;
        }
        List<String> hops = new ArrayList<>();
        for (String header : forwardedFor) {
            for (String hop : header.split(",", -1)) {
                hops.add(hop.trim());
            }
        }
        String client = peer;
        for (int i = hops.size() - 1; i >= 0 && trusts(client); i--) {
            InetAddress a = literal(withoutPort(hops.get(i)));
            if (a == null) {
                break;
            }
            client = a.getHostAddress();
        }
        return client;
    }

    /** {@code 1.2.3.4:5678} and {@code [::1]:80} as some proxies write them, without the port. */
    private static String withoutPort(String hop) {
        if (hop.startsWith("[")) {
            int end = hop.indexOf(']');
            return end < 0 ? hop : hop.substring(1, end);
        }
        int colon = hop.indexOf(':');
        return colon > 0 && colon == hop.lastIndexOf(':') ? hop.substring(0, colon) : hop;
    }

    /** The address {@code s} spells as an IPv4 or IPv6 literal, or null: never a name, never a lookup. */
    public static InetAddress literal(String s) {
        if (s == null) {
            return null;
        }
        try {
            if (IPV4.matcher(s).matches()) {
                byte[] b = new byte[4];
                String[] parts = s.split("\\.");
                for (int i = 0; i < 4; i++) {
                    int v = Integer.parseInt(parts[i]);
                    if (v > 255) {
                        return null;
                    }
                    b[i] = (byte) v;
                }
                return InetAddress.getByAddress(b);
            }
            // with a colon InetAddress reads it as an IPv6 literal or refuses it; it never looks it up
            return s.contains(":") && IPV6.matcher(s).matches() ? InetAddress.getByName(s) : null;
        } catch (UnknownHostException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return text;
    }
}
