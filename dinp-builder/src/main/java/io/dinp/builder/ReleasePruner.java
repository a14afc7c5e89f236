package io.dinp.builder;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import io.dinp.model.Release;
import io.dinp.registry.RegistryClient;
import io.dinp.registry.RegistryCredentials;
import io.dinp.store.ReleaseStore;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the newest N releases' images of an app: older ones are deleted from the registry and
 * from the builder's Docker (the nodes prune their own), and their releases marked pruned.
 */
final class ReleasePruner {
    private static final Logger log = LoggerFactory.getLogger(ReleasePruner.class);

    private final ReleaseStore releases;
    private final DockerClient docker;
    private final Optional<RegistryCredentials> registry;
    private final Function<String, String> runningImage;
    private final int keep;

    ReleasePruner(ReleaseStore releases, DockerClient docker, Optional<RegistryCredentials> registry,
                  Function<String, String> runningImage, int keep) {
        this.releases = releases;
        this.docker = docker;
        this.registry = registry;
        this.runningImage = runningImage;
        this.keep = keep;
    }

    void prune(String app, BuildLog buildLog) {
        List<Release> old = ReleaseRetention.toPrune(releases.list(app), runningImage.apply(app), keep);
        for (Release r : old) {
            try {
                registry.ifPresent(reg -> {
                    int at = r.image().indexOf("@sha256:");
                    if (reg.serves(r.image()) && at > 0) {
                        new RegistryClient(reg).delete(app, r.image().substring(at + 1));
                    }
                });
                removeLocal("dinp/" + app + ":" + r.version());
                registry.ifPresent(reg -> removeLocal(reg.address() + "/" + app + ":" + r.version()));
                releases.markPruned(app, r.version());
                buildLog.line("retention: deleted the image of release " + r.version() + " (keeping the newest " + keep + ")");
                log.info("pruned release {} of {} ({})", r.version(), app, r.image());
            } catch (RuntimeException e) {
                log.warn("could not prune release {} of {}: {}", r.version(), app, e.toString());
            }
        }
    }

    private void removeLocal(String tag) {
        try {
            docker.removeImageCmd(tag).withForce(false).exec();
        } catch (NotFoundException | ConflictException e) {
            log.debug("local image {} not removed: {}", tag, e.getMessage());
        }
    }
}
