package io.dinp.hm;

import java.time.Duration;
import java.util.Arrays;

/**
 * How long checks took, as counts in log-linear buckets (each within 12.5 %), so the monitor can
 * report p50/p99 without keeping a sample per check. A snapshot: take two and subtract for the
 * checks in between.
 */
public final class CheckLatencies {
    /** 16 exact buckets below 16 µs, then 8 per power of two up to 2^37 µs (about 38 hours). */
    static final int BUCKETS = 16 + 33 * 8;
    private final long[] counts;

    CheckLatencies(long[] counts) {
        if (counts.length != BUCKETS) {
            throw new IllegalArgumentException("expected " + BUCKETS + " buckets, got " + counts.length);
        }
        this.counts = counts.clone();
    }

    public long count() {
        long n = 0;
        for (long c : counts) {
            n += c;
        }
        return n;
    }

    /**
     * The latency at or below which a fraction {@code q} of the checks fell, e.g. 0.99 for p99,
     * rounded up to its bucket's upper end; zero when there were no checks.
     */
    public Duration quantile(double q) {
        if (!(q >= 0 && q <= 1)) {
            throw new IllegalArgumentException("q must be between 0 and 1, was " + q);
        }
        long n = count();
        if (n == 0) {
            return Duration.ZERO;
        }
        long rank = Math.max(1, (long) Math.ceil(q * n));
        long seen = 0;
        for (int b = 0; b < BUCKETS; b++) {
            seen += counts[b];
            if (seen >= rank) {
                return Duration.ofNanos(upperMicros(b) * 1000);
            }
        }
        throw new AssertionError("rank " + rank + " beyond " + n);
    }

    /** The checks recorded here but not yet in {@code earlier}. */
    public CheckLatencies minus(CheckLatencies earlier) {
        long[] d = new long[BUCKETS];
        for (int b = 0; b < BUCKETS; b++) {
            d[b] = counts[b] - earlier.counts[b];
        }
        return new CheckLatencies(d);
    }

    static int bucket(long micros) {
        if (micros < 16) {
            return (int) Math.max(micros, 0);
        }
        int exp = 63 - Long.numberOfLeadingZeros(micros);
        if (exp > 36) {
            return BUCKETS - 1;
        }
        int sub = (int) ((micros >>> (exp - 3)) & 7);
        return 16 + (exp - 4) * 8 + sub;
    }

    static long upperMicros(int bucket) {
        if (bucket < 16) {
            return bucket;
        }
        int exp = 4 + (bucket - 16) / 8;
        int sub = (bucket - 16) % 8;
        return ((8L + sub + 1) << (exp - 3)) - 1;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CheckLatencies other && Arrays.equals(counts, other.counts);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        return "CheckLatencies[n=" + count() + ", p50=" + quantile(0.5) + ", p99=" + quantile(0.99) + "]";
    }
}
