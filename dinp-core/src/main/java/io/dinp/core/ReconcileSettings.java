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
 * @param unhealthyLimit how long an instance may stay unhealthy (out of the routes) before it is replaced
 * @param rollbackAfter failures of the new spec during a rollout that roll it back (an instance
 *                     that never passed a check within its start-up grace is one)
 */
public record ReconcileSettings(Duration drainGrace, int maxSurge, Duration backoffBase, Duration backoffCap,
                                Duration unhealthyLimit, int rollbackAfter) {
    public ReconcileSettings(Duration drainGrace, int maxSurge, Duration backoffBase, Duration backoffCap) {
        this(drainGrace, maxSurge, backoffBase, backoffCap, Duration.ofSeconds(10), 3);
    }

    public ReconcileSettings {
        if (unhealthyLimit.isNegative() || unhealthyLimit.isZero()) {
            throw new IllegalArgumentException("unhealthyLimit must be positive, was " + unhealthyLimit);
        }
        if (rollbackAfter < 1) {
            throw new IllegalArgumentException("rollbackAfter must be at least 1, was " + rollbackAfter);
        }
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
