package io.dinp.model;

import java.util.List;

/**
 * The set of instances one node must run. The agent converges its Docker to it.
 *
 * @param epoch   identifies the server run that issued it; versions only compare within one epoch
 * @param version increases with every change to this node's set
 * @param term    the leadership term of the server that issued it (0 from a server that does not
 *                elect a leader, as in one JVM): an agent never takes an assignment of a lower
 *                term than one it already holds, so a deposed leader cannot steer it
 */
public record Assignment(String nodeId, String epoch, long version, List<InstanceSpec> instances, long term) {
    public Assignment {
        instances = instances == null ? List.of() : List.copyOf(instances);
    }

    public Assignment(String nodeId, String epoch, long version, List<InstanceSpec> instances) {
        this(nodeId, epoch, version, instances, 0);
    }
}
