package io.dinp.model;

import java.time.Instant;

/**
 * One instance as the API shows it.
 *
 * @param address the {@code host:port} the router sends requests to, null until published
 * @param state   assigned, starting, running, unhealthy, draining, exited, failed or gone
 * @param ready   whether it gets traffic: running, healthy and not draining
 * @param health  starting, healthy or unhealthy, as the health monitors last said
 * @param healthReason why the last health transition happened (the failed check, for one)
 * @param checkedBy the hm process checking it
 */
public record InstanceInfo(String id, String app, String node, String address, String state, boolean ready,
                           String image, String specHash, Integer exitCode, String error, Instant assignedAt,
                           String health, String healthReason, String checkedBy) {

    public static InstanceInfo of(Instance i, String nodeAddress) {
        String address = i.hostPort() > 0 && nodeAddress != null ? nodeAddress + ":" + i.hostPort() : null;
        return new InstanceInfo(i.id(), i.app(), i.node(), address, stateOf(i), i.isServing(), i.spec().image(),
                i.spec().specHash(), i.exitCode(), i.error(), i.assignedAt(),
                i.health().phase().name().toLowerCase(java.util.Locale.ROOT), i.health().reason(), i.health().checkedBy());
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
            case RUNNING -> switch (i.health().phase()) {
                case HEALTHY -> "running";
                case UNHEALTHY -> "unhealthy";
                case STARTING -> "starting";
            };
            case EXITED -> "exited";
            case FAILED -> "failed";
            case GONE -> "gone";
        };
    }
}
