package io.dinp.dash.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A token bucket per key (e.g. per user): {@code burst} actions at once, then one per
 * {@code every}. The time is passed in, never read here. Kept in memory per process and bounded:
 * the least recently used keys are forgotten first (a forgotten key starts with a full bucket).
 */
public final class RateLimiter {
    private final int burst;
    private final Duration every;
    private final Map<String, Bucket> buckets;

    private record Bucket(double tokens, Instant at) {
    }

    /** @param maxKeys keys remembered at most */
    public RateLimiter(int burst, Duration every, int maxKeys) {
        if (burst < 1 || every.isNegative() || every.isZero()) {
            throw new IllegalArgumentException("burst must be at least 1 and every positive");
        }
        this.burst = burst;
        this.every = every;
        this.buckets = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
                return size() > maxKeys;
            }
        };
    }

    /**
     * Takes one action for {@code key} if the bucket has one: empty when allowed, else how long
     * until the next one is.
     */
    public synchronized Optional<Duration> take(String key, Instant now) {
        Bucket b = buckets.get(key);
        double tokens = b == null ? burst : Math.min(burst, b.tokens + refill(b.at, now));
        if (tokens >= 1) {
            buckets.put(key, new Bucket(tokens - 1, now));
            return Optional.empty();
        }
        buckets.put(key, new Bucket(tokens, now));
        long waitNanos = (long) Math.ceil((1 - tokens) * every.toNanos());
        return Optional.of(Duration.ofNanos(waitNanos));
    }

    private double refill(Instant from, Instant now) {
        long nanos = Math.max(0, Duration.between(from, now).toNanos());
        return (double) nanos / every.toNanos();
    }
}
