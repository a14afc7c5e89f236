package io.dinp.model;

import java.util.List;

/**
 * A heartbeat: an agent's node and every DINP container on it (the real state).
 *
 * @param address  where the router reaches this node's published ports
 * @param memoryMb memory this node offers to instances
 * @param logUrl   where dash reads this node's instance logs ({@code http://host:port}); null in one JVM
 */
public record NodeReport(String nodeId, String address, int memoryMb, List<ContainerReport> containers, String logUrl) {
    public NodeReport {
        containers = containers == null ? List.of() : List.copyOf(containers);
    }

    public NodeReport(String nodeId, String address, int memoryMb, List<ContainerReport> containers) {
        this(nodeId, address, memoryMb, containers, null);
    }
}
