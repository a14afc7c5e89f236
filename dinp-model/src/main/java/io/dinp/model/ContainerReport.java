package io.dinp.model;

import java.util.List;

/**
 * An agent's report of one DINP container (or of an assigned instance it is still creating).
 *
 * @param hostPort the host port that container port 8080 is published on, 0 if none yet
 * @param ready    the published port accepts TCP connections
 * @param error    why it failed or exited, human readable; null when fine
 * @param logTail  the last lines an exited container wrote (stdout and stderr), empty otherwise
 */
public record ContainerReport(String instanceId, String app, String specHash, String containerId,
                             String image, int memoryMb, ContainerState state, int hostPort,
                             boolean ready, Integer exitCode, String error, List<String> logTail) {
    public ContainerReport {
        logTail = logTail == null ? List.of() : List.copyOf(logTail);
    }

    public ContainerReport(String instanceId, String app, String specHash, String containerId,
                           String image, int memoryMb, ContainerState state, int hostPort,
                           boolean ready, Integer exitCode, String error) {
        this(instanceId, app, specHash, containerId, image, memoryMb, state, hostPort, ready, exitCode, error, List.of());
    }

    public ContainerReport withLogTail(List<String> lines) {
        return new ContainerReport(instanceId, app, specHash, containerId, image, memoryMb, state, hostPort,
                ready, exitCode, error, lines);
    }
}
