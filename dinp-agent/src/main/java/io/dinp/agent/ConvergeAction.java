package io.dinp.agent;

import io.dinp.model.InstanceSpec;

/**
 * One change the agent makes to its Docker to match the assignment.
 */
public sealed interface ConvergeAction {

    /** Create and start the container of an assigned instance. */
    record Create(InstanceSpec spec) implements ConvergeAction {
    }

    /** Stop and remove a container of this node that is no longer assigned. */
    record Remove(String containerId, String instanceId) implements ConvergeAction {
    }
}
