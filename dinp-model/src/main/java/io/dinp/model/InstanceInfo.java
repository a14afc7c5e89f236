package io.dinp.model;

import java.time.Instant;

/**
 * One instance as the API shows it.
 *
 * @param address the {@code host:port} the router sends requests to, null until published
 * @param state   assigned, starting, running, draining, exited, failed or gone
 */
public record InstanceInfo(String id, String app, String node, String address, String state, boolean ready,
                           String image, String specHash, Integer exitCode, String error, Instant assignedAt) {

    public static InstanceInfo of(Instance i, String nodeAddress) {
        String address = i.hostPort() > 0 && nodeAddress != null ? nodeAddress + ":" + i.hostPort() : null;
        return new InstanceInfo(i.id(), i.app(), i.node(), address, stateOf(i), i.ready(), i.spec().image(),
                i.spec().specHash(), i.exitCode(), i.error(), i.assignedAt());
    }

    static String stateOf(Instance i) {
        if (i.isDraining()) {
            return "draining";
        }
        if (i.state() == null) {
            return "assigned";
        }
        return switch (i.state()) {
            case CREATING -> "starting";
            case RUNNING -> i.ready() ? "running" : "starting";
            case EXITED -> "exited";
            case FAILED -> "failed";
            case GONE -> "gone";
        };
    }
}
