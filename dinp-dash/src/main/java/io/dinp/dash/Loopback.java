package io.dinp.dash;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Whether a listen address stays on this machine: the only place the API may speak plain HTTP. */
public final class Loopback {
    private Loopback() {
    }

    /** True for 127.0.0.0/8, ::1 and names resolving only there (localhost); false for 0.0.0.0 and the rest. */
    public static boolean is(String bindHost) {
        if (bindHost == null || bindHost.isBlank()) {
            return false;
        }
        try {
            for (InetAddress a : InetAddress.getAllByName(bindHost)) {
                if (!a.isLoopbackAddress()) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
