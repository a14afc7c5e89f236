package io.dinp.registry;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.model.PullResponseItem;
import io.dinp.registry.RegistryException.Reason;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pulls {@code <registry>/<repo>:<tag>} or {@code <registry>/<repo>@sha256:…} through the Engine API with credentials.
 */
public final class ImagePuller {
    private static final Logger log = LoggerFactory.getLogger(ImagePuller.class);
    /** Default limit for one pull. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);

    private final DockerClient docker;
    private final RegistryCredentials registry;
    private final Duration timeout;

    public ImagePuller(DockerClient docker, RegistryCredentials registry) {
        this(docker, registry, DEFAULT_TIMEOUT);
    }

    public ImagePuller(DockerClient docker, RegistryCredentials registry, Duration timeout) {
        this.docker = Objects.requireNonNull(docker, "docker");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /**
     * Pulls {@code repo} at a tag or a digest from this registry and returns the local reference
     * ({@code registry/repo:tag} or {@code registry/repo@digest}).
     *
     * @throws RegistryException with {@link Reason#AUTH}, {@link Reason#UNREACHABLE}, {@link Reason#NOT_FOUND}
     *         or {@link Reason#OTHER}; the message names the registry and the image
     */
    public String pull(String repo, String tagOrDigest) {
        String reference = ImageNames.reference(registry.address(), repo, tagOrDigest);
        String target = registry.address() + "/" + repo;
        String action = "pulling " + reference;
        log.info("pulling {} (user {})", reference, registry.username());
        long start = System.nanoTime();
        ProgressCallback<PullResponseItem> progress = new ProgressCallback<>();
        boolean done;
        try {
            // the Engine takes a digest in the tag parameter too
            done = docker.pullImageCmd(target).withTag(tagOrDigest).withAuthConfig(DockerAuth.of(registry))
                    .exec(progress)
                    .awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryException(Reason.OTHER, "interrupted while " + action, e);
        } catch (DockerException e) {
            throw DockerFailures.failure(registry, action, DockerFailures.message(e), e);
        }
        if (!done) {
            try {
                progress.close();
            } catch (IOException e) {
                // the pull is abandoned either way
            }
            throw new RegistryException(Reason.OTHER, action + " did not finish within " + timeout, null);
        }
        if (progress.error() != null) {
            throw DockerFailures.failure(registry, action, progress.error(), progress.failure());
        }
        log.info("pulled {} in {} ms", reference, (System.nanoTime() - start) / 1_000_000);
        return reference;
    }
}
