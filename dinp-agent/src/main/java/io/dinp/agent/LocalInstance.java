package io.dinp.agent;

import io.dinp.model.InstanceSpec;

/**
 * What this agent process knows of an instance it began to create.
 *
 * @param containerId set once the container exists
 * @param error       why it failed, when {@code phase} is FAILED
 */
public record LocalInstance(InstanceSpec spec, Phase phase, String containerId, String error) {

    /** How far the agent got with the instance. */
    public enum Phase {
        /** image, create and start are under way */
        CREATING,
        /** create or start failed; the agent will not retry this instance id */
        FAILED,
        /** the container was created and started; Docker is the source of truth from here */
        STARTED
    }
}
