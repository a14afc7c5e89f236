package io.dinp.hm;

import io.dinp.hm.HealthState.Phase;
import io.dinp.model.HealthSettings;
import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * When a target's checks run. A new instance is checked right away, so it gets traffic as soon as
 * it is ready; one handed over as healthy at a random point of its interval, so ten thousand of
 * them do not fire together. While the answer matters most (an instance starting, or a healthy one
 * that just failed a check) checks come at a fast interval, like HAProxy's {@code fastinter}: a
 * hung instance is out after about {@code fall × timeout}, not {@code fall × interval}.
 */
final class CheckSchedule {
    static final Duration FAST_INTERVAL = Duration.ofMillis(250);
    static final Duration BATCH_JITTER = Duration.ofMillis(50);
    /** More new targets than this in one update get jitter, so their first connects do not all leave at once. */
    static final int BIG_BATCH = 100;

    private CheckSchedule() {
    }

    /** Delay before the first check of a target that starts in {@code initial}. */
    static long firstDelayNanos(HealthState initial, HealthSettings s, boolean bigBatch, RandomGenerator random) {
        if (initial.phase() == Phase.HEALTHY) {
            return random.nextLong(s.interval().toNanos());
        }
        return bigBatch ? random.nextLong(BATCH_JITTER.toNanos() + 1) : 0;
    }

    /** Time between two checks of a target in {@code state}, start to start. */
    static long intervalNanos(HealthState state, boolean lastFailed, HealthSettings s) {
        boolean fast = state.phase() == Phase.STARTING || (state.phase() == Phase.HEALTHY && lastFailed);
        Duration interval = fast && FAST_INTERVAL.compareTo(s.interval()) < 0 ? FAST_INTERVAL : s.interval();
        return interval.toNanos();
    }

    /**
     * Delay until the next check: due an interval after the last one was due, which keeps each
     * target in its own place in the interval even when the checker started the last one late
     * (thousands of new connections at once, a GC pause); slots missed before the last check
     * started are skipped rather than caught up, so a busy checker never runs more checks than the
     * interval asks for. If the next one is already due (the last check took that long), now.
     */
    static long delayNanos(long lastDueNanos, long lastStartNanos, long intervalNanos, long nowNanos) {
        long missed = Math.max(0, lastStartNanos - lastDueNanos) / intervalNanos;
        long nextDue = lastDueNanos + (missed + 1) * intervalNanos;
        return Math.max(0, nextDue - nowNanos);
    }
}
