package io.dinp.hm;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLongArray;

/** Counts check latencies into {@link CheckLatencies}' buckets from any event loop, without a lock or an allocation. */
final class LatencyRecorder {
    private final AtomicLongArray counts = new AtomicLongArray(CheckLatencies.BUCKETS);

    void record(Duration latency) {
        counts.incrementAndGet(CheckLatencies.bucket(latency.toNanos() / 1000));
    }

    CheckLatencies snapshot() {
        long[] c = new long[CheckLatencies.BUCKETS];
        for (int b = 0; b < c.length; b++) {
            c[b] = counts.get(b);
        }
        return new CheckLatencies(c);
    }
}
