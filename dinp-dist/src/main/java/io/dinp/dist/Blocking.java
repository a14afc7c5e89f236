package io.dinp.dist;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/** Keeps a role running until the JVM is told to stop, then closes its parts in reverse order. */
final class Blocking {
    private Blocking() {
    }

    static void runUntilStopped(List<AutoCloseable> parts) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        List<AutoCloseable> reversed = new ArrayList<>(parts);
        Collections.reverse(reversed);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (AutoCloseable c : reversed) {
                try {
                    c.close();
                } catch (Exception e) {
                    System.err.println("dinp: error while stopping: " + e);
                }
            }
            done.countDown();
        }, "dinp-shutdown"));
        done.await();
    }
}
