package io.dinp.router;

import io.dinp.model.AppTraffic;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Per-app request counters kept for the dashboard's charts: counts, 5xx, summed durations and a
 * duration histogram, all only growing. Cheap to update on the event loops (striped adders), read
 * as a snapshot every few seconds.
 */
final class TrafficCounters {
    private final ConcurrentHashMap<String, Counters> apps = new ConcurrentHashMap<>();

    private static final class Counters {
        final LongAdder requests = new LongAdder();
        final LongAdder errors = new LongAdder();
        final LongAdder micros = new LongAdder();
        final LongAdder[] buckets = new LongAdder[AppTraffic.BOUNDS_MICROS.length + 1];

        Counters() {
            for (int i = 0; i < buckets.length; i++) {
                buckets[i] = new LongAdder();
            }
        }

        AppTraffic snapshot() {
            long[] b = new long[buckets.length];
            for (int i = 0; i < b.length; i++) {
                b[i] = buckets[i].sum();
            }
            // read the total last: a request counted meanwhile shows in a bucket before the total
            return new AppTraffic(requests.sum(), errors.sum(), micros.sum(), b);
        }
    }

    void record(String app, int status, long nanos) {
        Counters c = apps.computeIfAbsent(app, a -> new Counters());
        long micros = Math.max(0, nanos / 1000);
        c.buckets[AppTraffic.bucketOf(micros)].increment();
        c.micros.add(micros);
        if (status >= 500) {
            c.errors.increment();
        }
        c.requests.increment();
    }

    Map<String, AppTraffic> snapshot() {
        Map<String, AppTraffic> out = new LinkedHashMap<>();
        apps.forEach((app, c) -> out.put(app, c.snapshot()));
        return out;
    }
}
