package io.dinp.model;

import java.util.List;

/**
 * A heartbeat: an agent's node and every DINP container on it (the real state).
 *
 * @param address  where the router reaches this node's published ports
 * @param memoryMb memory this node offers to instances
 */
public record NodeReport(String nodeId, String address, int memoryMb, List<ContainerReport> containers) {
    public NodeReport {
        containers = containers == null ? List.of() : List.copyOf(containers);
    }
}
