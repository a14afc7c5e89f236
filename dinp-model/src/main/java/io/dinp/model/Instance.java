package io.dinp.model;

import java.time.Instant;

/**
 * The server's view of one assigned instance: what it asked for and what the agent last said.
 *
 * @param state      last reported container state, null while the agent has not reported it yet
 * @param ready      the agent's TCP probe: the published port accepts connections (informational)
 * @param drainUntil set once the instance left the routes; it is stopped when this time passes
 * @param health     what the health monitors say; only a healthy instance gets traffic
 */
public record Instance(InstanceSpec spec, ContainerState state, boolean ready, int hostPort,
                       Integer exitCode, String error, Instant assignedAt, Instant drainUntil, InstanceHealth health) {

    public Instance {
        health = health == null ? InstanceHealth.starting(assignedAt) : health;
    }

    /** Without a health report: one that accepts connections counts as healthy (tests, adoption). */
    public Instance(InstanceSpec spec, ContainerState state, boolean ready, int hostPort,
                    Integer exitCode, String error, Instant assignedAt, Instant drainUntil) {
        this(spec, state, ready, hostPort, exitCode, error, assignedAt, drainUntil,
                ready ? InstanceHealth.healthy(assignedAt) : InstanceHealth.starting(assignedAt));
    }

    public static Instance assigned(InstanceSpec spec, Instant now) {
        return new Instance(spec, null, false, 0, null, null, now, null, InstanceHealth.starting(now));
    }

    public String id() {
        return spec.id();
    }

    public String app() {
        return spec.app();
    }

    public String node() {
        return spec.node();
    }

    public boolean isDead() {
        return state != null && state.isDead();
    }

    public boolean isDraining() {
        return drainUntil != null;
    }

    /** Running and passing its health checks: may receive traffic unless draining. */
    public boolean isServing() {
        return state == ContainerState.RUNNING && health.healthy() && hostPort > 0 && !isDraining();
    }

    /**
     * The agent's news. A new host port means a new process behind it: health starts over.
     */
    public Instance withReport(ContainerReport r) {
        InstanceHealth h = r.hostPort() != hostPort && hostPort != 0 ? InstanceHealth.starting(assignedAt) : health;
        return new Instance(spec, r.state(), r.ready(), r.hostPort(), r.exitCode(), r.error(), assignedAt, drainUntil, h);
    }

    public Instance draining(Instant until) {
        return new Instance(spec, state, ready, hostPort, exitCode, error, assignedAt, until, health);
    }

    public Instance withHealth(InstanceHealth h) {
        return new Instance(spec, state, ready, hostPort, exitCode, error, assignedAt, drainUntil, h);
    }
}
