package io.dinp.model;

/**
 * An agent's report of one DINP container (or of an assigned instance it is still creating).
 *
 * @param hostPort the host port that container port 8080 is published on, 0 if none yet
 * @param ready    the published port accepts TCP connections
 * @param error    why it failed or exited, human readable; null when fine
 */
public record ContainerReport(String instanceId, String app, String specHash, String containerId,
                             String image, int memoryMb, ContainerState state, int hostPort,
                             boolean ready, Integer exitCode, String error) {
}
