package io.dinp.model;

import java.util.List;

/**
 * The set of instances one node must run. The agent converges its Docker to it.
 *
 * @param epoch   identifies the server run that issued it; versions only compare within one epoch
 * @param version increases with every change to this node's set
 */
public record Assignment(String nodeId, String epoch, long version, List<InstanceSpec> instances) {
    public Assignment {
        instances = instances == null ? List.of() : List.copyOf(instances);
    }
}
