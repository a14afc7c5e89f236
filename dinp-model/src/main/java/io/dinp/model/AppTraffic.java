package io.dinp.model;

import java.util.Arrays;

/**
 * What a router has counted for one app since it started: requests, those answered 5xx, the sum
 * of their durations and a histogram of them. Only ever grows, so two snapshots give the traffic
 * in between ({@link #since}).
 *
 * @param latencyBuckets requests per duration bucket: {@code [i]} counts those up to
 *                       {@link #BOUNDS_MICROS}{@code [i]} (and above the bound before), the last
 *                       one those above every bound
 */
public record AppTraffic(long requests, long errors, long latencyMicros, long[] latencyBuckets) {
    /** Upper bounds of the duration buckets, in microseconds: 1 ms … 10 s. */
    public static final long[] BOUNDS_MICROS = {1_000, 2_500, 5_000, 10_000, 25_000, 50_000, 100_000, 250_000,
            500_000, 1_000_000, 2_500_000, 5_000_000, 10_000_000};
    public static final AppTraffic NONE = new AppTraffic(0, 0, 0, new long[BOUNDS_MICROS.length + 1]);

    public AppTraffic {
        if (latencyBuckets == null || latencyBuckets.length != BOUNDS_MICROS.length + 1) {
            throw new IllegalArgumentException("latencyBuckets: need " + (BOUNDS_MICROS.length + 1) + " buckets");
        }
        latencyBuckets = latencyBuckets.clone();
    }

    /** The bucket a duration falls in. */
    public static int bucketOf(long micros) {
        int i = Arrays.binarySearch(BOUNDS_MICROS, micros);
        return i >= 0 ? i : -i - 1;
    }

    /**
     * The traffic between {@code earlier} and this snapshot of the same counters. A counter that
     * went down means they were started again: then all of this one is new.
     */
    public AppTraffic since(AppTraffic earlier) {
        if (earlier == null || requests < earlier.requests || errors < earlier.errors
                || latencyMicros < earlier.latencyMicros) {
            return this;
        }
        long[] b = new long[latencyBuckets.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = latencyBuckets[i] - earlier.latencyBuckets[i];
            if (b[i] < 0) {
                return this;
            }
        }
        return new AppTraffic(requests - earlier.requests, errors - earlier.errors, latencyMicros - earlier.latencyMicros, b);
    }

    /** Both counts together: the traffic of two routers. */
    public AppTraffic plus(AppTraffic other) {
        long[] b = latencyBuckets.clone();
        for (int i = 0; i < b.length; i++) {
            b[i] += other.latencyBuckets[i];
        }
        return new AppTraffic(requests + other.requests, errors + other.errors, latencyMicros + other.latencyMicros, b);
    }

    /** Mean duration in milliseconds, 0 without requests. */
    public double meanMillis() {
        return requests == 0 ? 0 : latencyMicros / 1000.0 / requests;
    }

    /**
     * The duration under which a share {@code q} of the requests finished, in milliseconds,
     * interpolated linearly inside its bucket (so it is an estimate, as good as the buckets are
     * fine); the slowest bucket reports its lower bound. 0 without requests.
     */
    public double quantileMillis(double q) {
        long total = 0;
        for (long c : latencyBuckets) {
            total += c;
        }
        if (total == 0) {
            return 0;
        }
        double rank = q * total;
        long seen = 0;
        for (int i = 0; i < latencyBuckets.length; i++) {
            long c = latencyBuckets[i];
            if (c > 0 && seen + c >= rank) {
                long lower = i == 0 ? 0 : BOUNDS_MICROS[i - 1];
                if (i == BOUNDS_MICROS.length) {
                    return lower / 1000.0;
                }
                double share = (rank - seen) / c;
                return (lower + share * (BOUNDS_MICROS[i] - lower)) / 1000.0;
            }
            seen += c;
        }
        return BOUNDS_MICROS[BOUNDS_MICROS.length - 1] / 1000.0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AppTraffic t && t.requests == requests && t.errors == errors
                && t.latencyMicros == latencyMicros && Arrays.equals(t.latencyBuckets, latencyBuckets);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(requests) * 31 + Arrays.hashCode(latencyBuckets);
    }

    @Override
    public String toString() {
        return "AppTraffic[requests=" + requests + ", errors=" + errors + ", latencyMicros=" + latencyMicros
                + ", buckets=" + Arrays.toString(latencyBuckets) + "]";
    }
}
