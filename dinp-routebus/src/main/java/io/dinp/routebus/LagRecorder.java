package io.dinp.routebus;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

/**
 * A lock-free histogram of non-negative durations in microseconds (propagation lag), reporting
 * count, p50, p99 and max. Buckets are log-linear: 16 per power of two, so a reported
 * percentile is at most about 6% above the true value.
 */
public final class LagRecorder {
    private static final int SUB_BITS = 4;
    private static final int SUB = 1 << SUB_BITS;
    private static final int BUCKETS = SUB + (63 - SUB_BITS) * SUB;

    private final AtomicLongArray buckets = new AtomicLongArray(BUCKETS);
    private final LongAdder count = new LongAdder();
    private final LongAccumulator max = new LongAccumulator(Math::max, 0);

    /** What was recorded so far, in microseconds. */
    public record Summary(long count, long p50Micros, long p99Micros, long maxMicros) {
    }

    /** Records one value; negative values (clock skew between hosts) count as zero. */
    public void record(long micros) {
        long v = Math.max(0, micros);
        buckets.incrementAndGet(index(v));
        count.increment();
        max.accumulate(v);
    }

    public Summary summary() {
        long[] copy = new long[BUCKETS];
        long total = 0;
        for (int i = 0; i < BUCKETS; i++) {
            copy[i] = buckets.get(i);
            total += copy[i];
        }
        long maxSeen = max.get();
        return new Summary(total, Math.min(maxSeen, percentile(copy, total, 0.50)),
                Math.min(maxSeen, percentile(copy, total, 0.99)), maxSeen);
    }

    private static long percentile(long[] counts, long total, double q) {
        if (total == 0) {
            return 0;
        }
        long rank = (long) Math.ceil(q * total);
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return upperBound(i);
            }
        }
        return upperBound(counts.length - 1);
    }

    static int index(long v) {
        if (v < SUB) {
            return (int) v;
        }
        int exp = 63 - Long.numberOfLeadingZeros(v);
        int sub = (int) ((v >>> (exp - SUB_BITS)) & (SUB - 1));
        return SUB + (exp - SUB_BITS) * SUB + sub;
    }

    /** The largest value that falls into bucket {@code i}. */
    static long upperBound(int i) {
        if (i < SUB) {
            return i;
        }
        int exp = (i - SUB) / SUB + SUB_BITS;
        long sub = (i - SUB) % SUB;
        long base = (1L << exp) + (sub << (exp - SUB_BITS));
        return base + (1L << (exp - SUB_BITS)) - 1;
    }
}
