package io.dinp.core;

import java.time.Duration;

/**
 * Tunables of the reconciler.
 *
 * @param drainGrace   how long an instance stays assigned after leaving the routes, so that
 *                     in-flight requests finish and every router has the new table
 * @param maxSurge     extra instances a rollout may start above the desired count
 * @param backoffBase  delay before the second placement after a failure; doubles each time
 * @param backoffCap   the longest delay between placements of a failing app
 */
public record ReconcileSettings(Duration drainGrace, int maxSurge, Duration backoffBase, Duration backoffCap) {
    public ReconcileSettings {
        // With no surge an old instance could only go once a new one serves, which needs room
        // above the desired count: a rollout would never finish.
        if (maxSurge < 1) {
            throw new IllegalArgumentException("maxSurge must be at least 1, was " + maxSurge);
        }
        if (drainGrace.isNegative() || backoffBase.isNegative() || backoffCap.isNegative()) {
            throw new IllegalArgumentException("durations must not be negative");
        }
    }

    public static final ReconcileSettings DEFAULTS =
            new ReconcileSettings(Duration.ofSeconds(2), 1, Duration.ofSeconds(1), Duration.ofSeconds(60));

    /** Delay before the next placement after {@code failures} consecutive failures: none after the first. */
    public Duration backoff(int failures) {
        if (failures <= 1) {
            return Duration.ZERO;
        }
        long factor = 1L << Math.min(failures - 2, 20);
        Duration d = backoffBase.multipliedBy(factor);
        return d.compareTo(backoffCap) > 0 ? backoffCap : d;
    }
}
