package io.dinp.model;

import java.time.Instant;

/**
 * The server's view of one assigned instance: what it asked for and what the agent last said.
 *
 * @param state      last reported container state, null while the agent has not reported it yet
 * @param drainUntil set once the instance left the routes; it is stopped when this time passes
 */
public record Instance(InstanceSpec spec, ContainerState state, boolean ready, int hostPort,
                       Integer exitCode, String error, Instant assignedAt, Instant drainUntil) {

    public static Instance assigned(InstanceSpec spec, Instant now) {
        return new Instance(spec, null, false, 0, null, null, now, null);
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

    /** Running and accepting connections: may receive traffic unless draining. */
    public boolean isServing() {
        return state == ContainerState.RUNNING && ready && hostPort > 0 && !isDraining();
    }

    public Instance withReport(ContainerReport r) {
        return new Instance(spec, r.state(), r.ready(), r.hostPort(), r.exitCode(), r.error(), assignedAt, drainUntil);
    }

    public Instance draining(Instant until) {
        return new Instance(spec, state, ready, hostPort, exitCode, error, assignedAt, until);
    }
}
