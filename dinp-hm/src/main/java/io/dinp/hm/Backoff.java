package io.dinp.hm;

import java.time.Duration;
import java.util.Objects;

/**
 * Capped exponential delay between restarts of a crashing instance, and the status sentence that
 * tells the user about it.
 */
public final class Backoff {
    private Backoff() {
    }

    /**
     * The delay before the next restart after {@code restarts} restarts so far: none before the
     * first (one crash may be bad luck), then {@code base}, doubling, never above {@code cap}.
     */
    public static Duration delay(int restarts, Duration base, Duration cap) {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(cap, "cap");
        if (restarts < 0) {
            throw new IllegalArgumentException("restarts must not be negative, was " + restarts);
        }
        if (base.isNegative() || cap.isNegative()) {
            throw new IllegalArgumentException("base and cap must not be negative, were " + base + " and " + cap);
        }
        if (restarts == 0) {
            return Duration.ZERO;
        }
        int doublings = Math.min(restarts - 1, 62);
        // base × 2^doublings > cap, decided without overflowing
        if (base.compareTo(cap.dividedBy(1L << doublings)) > 0) {
            return cap;
        }
        Duration d = base.multipliedBy(1L << doublings);
        return d.compareTo(cap) > 0 ? cap : d;
    }

    /** E.g. {@code crashing: 5 restarts, last exit 1, next try in 40 s}; the wait is rounded up to whole seconds. */
    public static String status(int restarts, int lastExit, Duration nextTryIn) {
        String next = nextTryIn.isNegative() || nextTryIn.isZero()
                ? "restarting now"
                : "next try in " + ceilSeconds(nextTryIn) + " s";
        return "crashing: " + restarts + (restarts == 1 ? " restart" : " restarts")
                + ", last exit " + lastExit + ", " + next;
    }

    private static long ceilSeconds(Duration d) {
        return d.getNano() == 0 ? d.getSeconds() : d.getSeconds() + 1;
    }
}
