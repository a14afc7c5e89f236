package io.dinp.hm;

import java.time.Duration;
import java.time.Instant;

/**
 * When an unhealthy instance is given up on and replaced: only after it has stayed unhealthy for
 * a limit, so a short failure takes it out of the routes but never starts a kill loop.
 */
public final class Replacement {
    /** Long enough to ride out a GC pause or a brief overload; the instance is out of the routes meanwhile. */
    public static final Duration DEFAULT_UNHEALTHY_LIMIT = Duration.ofSeconds(10);

    private Replacement() {
    }

    /** Whether {@code s} has been unhealthy for at least {@code unhealthyLimit} at {@code now}. */
    public static boolean shouldReplace(HealthState s, Instant now, Duration unhealthyLimit) {
        if (unhealthyLimit.isNegative() || unhealthyLimit.isZero()) {
            throw new IllegalArgumentException("unhealthyLimit must be positive, was " + unhealthyLimit);
        }
        return s.phase() == HealthState.Phase.UNHEALTHY && !now.isBefore(s.lastTransition().plus(unhealthyLimit));
    }
}
