package io.dinp.e2e;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** A bounded request loop through the router, counting what failed while the platform changed things. */
final class Load implements AutoCloseable {
    private static final int MAX_REQUESTS = 200_000;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicInteger total = new AtomicInteger();
    final List<String> failures = Collections.synchronizedList(new ArrayList<>());
    private final List<Thread> threads = new ArrayList<>();

    Load(RouterClient router, String host, int workers) {
        for (int w = 0; w < workers; w++) {
            threads.add(Thread.ofPlatform().name("load-" + w).start(() -> {
                while (running.get() && total.get() < MAX_REQUESTS) {
                    RouterClient.Answer a = router.get(host);
                    total.incrementAndGet();
                    if (!a.ok()) {
                        failures.add(a.status() + " " + a.body().lines().findFirst().orElse(""));
                    }
                }
            }));
        }
    }

    int total() {
        return total.get();
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        for (Thread t : threads) {
            t.join(15_000);
        }
    }
}
