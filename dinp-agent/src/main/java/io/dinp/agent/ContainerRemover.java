package io.dinp.agent;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import java.time.Duration;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops a container gracefully (SIGTERM, then SIGKILL after the stop timeout) and removes it.
 */
public final class ContainerRemover {
    private static final Logger log = LoggerFactory.getLogger(ContainerRemover.class);

    private final DockerClient docker;
    private final Duration stopTimeout;
    private final Consumer<String> whenStopped;

    public ContainerRemover(DockerClient docker, Duration stopTimeout) {
        this(docker, stopTimeout, id -> { });
    }

    /** @param whenStopped runs between stop and removal, e.g. to keep the container's log; must not throw */
    public ContainerRemover(DockerClient docker, Duration stopTimeout, Consumer<String> whenStopped) {
        this.docker = docker;
        this.stopTimeout = stopTimeout;
        this.whenStopped = whenStopped;
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
        whenStopped.accept(containerId);
        try {
            // force: it may have been restarted by hand between stop and remove
            docker.removeContainerCmd(containerId).withForce(true).exec();
            log.info("removed container {}", ReportBuilder.shortId(containerId));
        } catch (NotFoundException e) {
            // someone else removed it first: the goal is met
        }
    }
}
