package io.dinp.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dinp.router.RawBackend.Behaviour;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * An instance dies under load, every connection reset at once: no GET may fail because of it.
 * The instance writes each response in one piece, so the kill hits requests it has not answered;
 * a response cut off after its first byte cannot be saved by any proxy and is not what this tests.
 */
class RouterFailoverLoadIT {
    private static final int CLIENTS = 8;
    private static final int REQUESTS_PER_CLIENT = 300;

    @Test
    void killingOneOfTwoInstancesMidLoadFailsNoGet() throws Exception {
        try (RouterFixture f = new RouterFixture(RouterConfig.defaults())) {
            RawBackend victim = f.add(new RawBackend("victim", Behaviour.KEEP_ALIVE));
            RawBackend survivor = f.add(new RawBackend("survivor", Behaviour.KEEP_ALIVE));
            f.route("web", victim.backend(), survivor.backend());
            AtomicInteger done = new AtomicInteger();
            Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
            ConcurrentLinkedQueue<String> failedGets = new ConcurrentLinkedQueue<>();

            try (ExecutorService clients = Executors.newFixedThreadPool(CLIENTS)) {
                List<Future<?>> running = new ArrayList<>();
                for (int c = 0; c < CLIENTS; c++) {
                    running.add(clients.submit(() -> {
                        for (int i = 0; i < REQUESTS_PER_CLIENT; i++) {
                            boolean post = i % 4 == 3;
                            String outcome = call(f, post);
                            outcomes.computeIfAbsent((post ? "POST " : "GET ") + outcome,
                                    k -> new AtomicInteger()).incrementAndGet();
                            if (!post && !outcome.equals("200")) {
                                failedGets.add(outcome);
                            }
                            done.incrementAndGet();
                        }
                        return null;
                    }));
                }
                await().atMost(Duration.ofSeconds(60)).until(() -> done.get() >= CLIENTS * REQUESTS_PER_CLIENT / 3);
                int servedBeforeKill = victim.received("GET");
                victim.kill();
                for (Future<?> r : running) {
                    r.get(120, TimeUnit.SECONDS);
                }
                assertThat(servedBeforeKill).as("the victim took a share before dying").isPositive();
            }

            assertThat(failedGets).as("outcomes %s", outcomes).isEmpty();
            assertThat(outcomes.keySet()).as("a POST either worked or got 502").allMatch(
                    k -> k.startsWith("GET ") || k.equals("POST 200") || k.equals("POST 502"));
            assertThat(survivor.received("GET")).isPositive();
        }
    }

    private static String call(RouterFixture f, boolean post) {
        try {
            return String.valueOf((post ? f.post("web", "order") : f.get("web")).statusCode());
        } catch (Exception e) {
            return e.toString();
        }
    }
}
