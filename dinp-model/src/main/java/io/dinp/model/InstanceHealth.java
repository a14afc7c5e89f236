package io.dinp.model;

import java.time.Instant;

/**
 * What the health monitors last said about an instance. Only HEALTHY instances are routed.
 *
 * @param since       when this phase began
 * @param reason      why the last transition happened (e.g. the failed check), null at start
 * @param everHealthy whether the instance ever passed its checks: one that never did failed its start
 * @param checkedBy   the hm process that reported last, null before any report
 */
public record InstanceHealth(HealthPhase phase, Instant since, String reason, boolean everHealthy, String checkedBy) {
    public InstanceHealth {
        phase = phase == null ? HealthPhase.STARTING : phase;
        since = since == null ? Instant.EPOCH : since;
    }

    public static InstanceHealth starting(Instant since) {
        return new InstanceHealth(HealthPhase.STARTING, since, null, false, null);
    }

    public static InstanceHealth healthy(Instant since) {
        return new InstanceHealth(HealthPhase.HEALTHY, since, null, true, null);
    }

    /** The state after a monitor reported a transition to {@code to}. */
    public InstanceHealth to(HealthPhase to, Instant at, String why, String hm) {
        return new InstanceHealth(to, at, why, everHealthy || to == HealthPhase.HEALTHY, hm);
    }

    public boolean healthy() {
        return phase == HealthPhase.HEALTHY;
    }
}
