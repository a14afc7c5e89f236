package io.dinp.agent;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops a container gracefully (SIGTERM, then SIGKILL after the stop timeout) and removes it.
 */
public final class ContainerRemover {
    private static final Logger log = LoggerFactory.getLogger(ContainerRemover.class);

    private final DockerClient docker;
    private final Duration stopTimeout;

    public ContainerRemover(DockerClient docker, Duration stopTimeout) {
        this.docker = docker;
        this.stopTimeout = stopTimeout;
    }

    /**
     * Stops and removes the container; a container that is already gone counts as removed.
     *
     * @throws RuntimeException from Docker when it refused; the next converge tries again
     */
    public void remove(String containerId) {
        try {
            docker.stopContainerCmd(containerId).withTimeout((int) Math.min(Integer.MAX_VALUE, stopTimeout.toSeconds())).exec();
        } catch (NotModifiedException e) {
            // already stopped: nothing to wait for
        } catch (NotFoundException e) {
            return;
        }
        try {
            // force: it may have been restarted by hand between stop and remove
            docker.removeContainerCmd(containerId).withForce(true).exec();
            log.info("removed container {}", ReportBuilder.shortId(containerId));
        } catch (NotFoundException e) {
            // someone else removed it first: the goal is met
        }
    }
}
