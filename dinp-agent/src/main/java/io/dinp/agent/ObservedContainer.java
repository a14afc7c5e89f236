package io.dinp.agent;

import io.dinp.model.ContainerReport;
import java.util.Objects;

/**
 * One DINP container as Docker showed it: the node its labels name and what it reports.
 * {@link ContainerReport#ready()} is always false here; readiness is the agent's knowledge.
 */
public record ObservedContainer(String nodeId, ContainerReport report) {
    public ObservedContainer {
        Objects.requireNonNull(report, "report");
    }

    public String containerId() {
        return report.containerId();
    }

    public String instanceId() {
        return report.instanceId();
    }
}
