package io.dinp.model;

/** What an agent saw of one instance's container. */
public enum ContainerState {
    /** assigned, container being pulled/created/started */
    CREATING,
    /** the process runs; {@link ContainerReport#ready()} says whether it accepts connections */
    RUNNING,
    /** the process ended */
    EXITED,
    /** the agent could not create or start it (bad image, no such image, docker error) */
    FAILED,
    /** the agent had started it and the container is no longer there (removed from outside) */
    GONE;

    public boolean isDead() {
        return this == EXITED || this == FAILED || this == GONE;
    }
}
