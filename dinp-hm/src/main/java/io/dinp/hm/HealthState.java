package io.dinp.hm;

import io.dinp.model.HealthSettings;
import java.time.Instant;
import java.util.Objects;

/**
 * What the health monitor knows about one instance between two checks; {@link HealthMachine}
 * makes the next one.
 *
 * @param phase              where the instance is in its life as seen by its checks
 * @param consecutivePasses  passes in a row up to the last check (0 if the last failed)
 * @param consecutiveFails   failures in a row up to the last check (0 if the last passed)
 * @param firstSeen          when the monitor first saw the instance; the start-up grace counts from here
 * @param lastTransition     when the phase last changed ({@code firstSeen} if never)
 * @param lastFailure        why the last failed check failed, {@code null} if none has
 */
public record HealthState(Phase phase, int consecutivePasses, int consecutiveFails, Instant firstSeen,
                          Instant lastTransition, String lastFailure) {

    /** The health of one instance. */
    public enum Phase {
        /** New: not yet passed {@code rise} checks; gets no traffic; not declared unhealthy inside its grace. */
        STARTING,
        /** Passed {@code rise} checks in a row since it was last starting or unhealthy: routable. */
        HEALTHY,
        /** Failed {@code fall} checks in a row: out of the routes, replaced if it stays so. */
        UNHEALTHY
    }

    public HealthState {
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(firstSeen, "firstSeen");
        Objects.requireNonNull(lastTransition, "lastTransition");
        if (consecutivePasses < 0 || consecutiveFails < 0 || (consecutivePasses > 0 && consecutiveFails > 0)) {
            throw new IllegalArgumentException("the last check either passed or failed: passes "
                    + consecutivePasses + ", fails " + consecutiveFails);
        }
    }

    /** A newly seen instance that has not been checked yet. */
    public static HealthState starting(Instant firstSeen) {
        return new HealthState(Phase.STARTING, 0, 0, firstSeen, firstSeen, null);
    }

    /** Whether the instance may receive traffic. */
    public boolean routable() {
        return phase == Phase.HEALTHY;
    }

    /** Whether a starting instance is still inside its start-up grace at {@code now}. */
    public boolean inGrace(Instant now, HealthSettings s) {
        return phase == Phase.STARTING && now.isBefore(firstSeen.plus(s.startupGrace()));
    }
}
