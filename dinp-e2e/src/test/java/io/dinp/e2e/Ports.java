package io.dinp.e2e;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free TCP ports for the processes a test starts. They come from below the kernel's ephemeral range
 * (32768-60999 here): a port from that range, free when picked, can be taken as the local port of
 * any outgoing connection or by Docker for a published port before the process that was to listen
 * on it starts (DistributedClusterIT's router once failed to bind that way). A port is handed out
 * once per test JVM.
 */
final class Ports {
    private static final int LOW = 20000;
    private static final int HIGH = 32000;
    private static final Set<Integer> GIVEN = ConcurrentHashMap.newKeySet();

    private Ports() {
    }

    static int free() {
        for (int i = 0; i < 1000; i++) {
            int port = ThreadLocalRandom.current().nextInt(LOW, HIGH);
            if (GIVEN.contains(port)) {
                continue;
            }
            try (ServerSocket s = new ServerSocket()) {
                s.bind(new InetSocketAddress(port));
                GIVEN.add(port);
                return port;
            } catch (IOException e) {
                // taken: try another
            }
        }
        throw new IllegalStateException("no free TCP port between " + LOW + " and " + HIGH);
    }
}
