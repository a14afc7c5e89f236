package io.dinp.e2e;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Constant, paced GET load through one router for as long as a test runs, counting every request
 * and every failure (a connection error or any answer but 200), so that a test can read how many
 * failed between two moments. Paced rather than flat out: the machine runs the whole cluster too.
 */
final class SteadyLoad implements AutoCloseable {
    private static final int KEPT_SAMPLES = 20;
    private final String name;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong total = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    /** Distinct failures since {@link #takeSamples}, with how often each happened. */
    private final Map<String, Integer> samples = new LinkedHashMap<>();
    private final List<Thread> threads = new ArrayList<>();

    /** Counters at one moment, to subtract. */
    record Mark(long total, long failed) {
        Mark since(Mark earlier) {
            return new Mark(total - earlier.total, failed - earlier.failed);
        }

        @Override
        public String toString() {
            return failed + "/" + total;
        }
    }

    SteadyLoad(String name, RouterClient router, String host, int workers, long pauseMillis) {
        this.name = name;
        for (int w = 0; w < workers; w++) {
            threads.add(Thread.ofPlatform().daemon().name("load-" + name + "-" + w).start(() -> {
                while (running.get()) {
                    RouterClient.Answer a = router.get(host);
                    total.incrementAndGet();
                    if (!a.ok()) {
                        failed.incrementAndGet();
                        String what = describe(a);
                        synchronized (samples) {
                            if (samples.size() < KEPT_SAMPLES || samples.containsKey(what)) {
                                samples.merge(what, 1, Integer::sum);
                            }
                        }
                    }
                    try {
                        Thread.sleep(pauseMillis);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }));
        }
    }

    String name() {
        return name;
    }

    Mark mark() {
        return new Mark(total.get(), failed.get());
    }

    /** The distinct failures seen (at most {@value #KEPT_SAMPLES}) since the last call, with counts, for the report. */
    List<String> takeSamples() {
        synchronized (samples) {
            List<String> out = new ArrayList<>();
            samples.forEach((what, n) -> out.add(name + ": " + n + " x " + what));
            samples.clear();
            return out;
        }
    }

    /** The status and what the answer says: an HTML page's title, else its first line. */
    static String describe(RouterClient.Answer a) {
        String body = a.body();
        int t = body.indexOf("<title>");
        int end = body.indexOf("</title>");
        String text = t >= 0 && end > t ? body.substring(t + 7, end) : body.lines().findFirst().orElse("");
        return a.status() + " " + (text.length() > 100 ? text.substring(0, 100) : text);
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        for (Thread t : threads) {
            t.join(15_000);
        }
    }
}
