package io.dinp.registry;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.PushResponseItem;
import io.dinp.registry.RegistryException.Reason;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tags a local image as {@code <registry>/<app>:<version>} and pushes it through the Engine API with credentials.
 */
public final class ImagePusher {
    private static final Logger log = LoggerFactory.getLogger(ImagePusher.class);
    /** Default limit for one push. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);

    private final DockerClient docker;
    private final RegistryCredentials registry;
    private final Duration timeout;

    public ImagePusher(DockerClient docker, RegistryCredentials registry) {
        this(docker, registry, DEFAULT_TIMEOUT);
    }

    public ImagePusher(DockerClient docker, RegistryCredentials registry, Duration timeout) {
        this.docker = Objects.requireNonNull(docker, "docker");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /**
     * Pushes {@code localImage} (a name or id the local Docker knows) as {@code <registry>/<repo>:<tag>}.
     * The registry tag stays on the local image afterwards.
     *
     * @throws RegistryException with {@link Reason#AUTH} when the registry refuses the credentials,
     *         {@link Reason#UNREACHABLE} when it cannot be reached, {@link Reason#NOT_FOUND} when the
     *         local image does not exist
     */
    public PushedImage push(String localImage, String repo, String tag) {
        ImageNames.checkRepository(repo);
        ImageNames.checkTag(tag);
        String target = registry.address() + "/" + repo;
        String reference = target + ":" + tag;
        try {
            docker.tagImageCmd(localImage, target, tag).withForce(true).exec();
        } catch (NotFoundException e) {
            throw new RegistryException(Reason.NOT_FOUND, "cannot push " + reference + ": the local image \""
                    + localImage + "\" does not exist", e);
        } catch (DockerException e) {
            throw new RegistryException(Reason.OTHER, "cannot tag \"" + localImage + "\" as " + reference + ": "
                    + DockerFailures.message(e), e);
        }
        log.info("pushing {} as {} (user {})", localImage, reference, registry.username());
        long start = System.nanoTime();
        ProgressCallback<PushResponseItem> progress = new ProgressCallback<>();
        String action = "pushing " + reference;
        boolean done;
        try {
            done = docker.pushImageCmd(target).withTag(tag).withAuthConfig(DockerAuth.of(registry))
                    .exec(progress)
                    .awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryException(Reason.OTHER, "interrupted while " + action, e);
        } catch (DockerException e) {
            throw DockerFailures.failure(registry, action, DockerFailures.message(e), e);
        }
        if (!done) {
            closeQuietly(progress);
            throw new RegistryException(Reason.OTHER, action + " did not finish within " + timeout, null);
        }
        if (progress.error() != null) {
            throw DockerFailures.failure(registry, action, progress.error(), progress.failure());
        }
        String digest = progress.digest() != null ? progress.digest() : repoDigest(target, reference, action);
        log.info("pushed {} ({}) in {} ms", reference, digest, (System.nanoTime() - start) / 1_000_000);
        return new PushedImage(registry.address(), repo, tag, digest);
    }

    /** Fallback when the stream carried no aux digest: the image's RepoDigests entry for this repository. */
    private String repoDigest(String target, String reference, String action) {
        List<String> repoDigests = docker.inspectImageCmd(reference).exec().getRepoDigests();
        if (repoDigests != null) {
            for (String rd : repoDigests) {
                if (rd.startsWith(target + "@")) {
                    return rd.substring(target.length() + 1);
                }
            }
        }
        throw new RegistryException(Reason.OTHER, action + " finished but the daemon reported no digest", null);
    }


    private static void closeQuietly(ProgressCallback<?> progress) {
        try {
            progress.close();
        } catch (IOException e) {
            // the push is abandoned either way
        }
    }
}
