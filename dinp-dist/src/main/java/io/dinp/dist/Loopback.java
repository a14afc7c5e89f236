package io.dinp.dist;

import java.io.IOException;
import java.net.InetAddress;

/** Whether a host is this machine's loopback: traffic to it never crosses a network, so plain TCP is no leak. */
final class Loopback {
    private Loopback() {
    }

    static boolean host(String host) {
        if (host == null || host.isBlank()) {
            return false;
        }
        if (host.equals("localhost")) {
            return true;
        }
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (IOException e) {
            return false;
        }
    }
}
