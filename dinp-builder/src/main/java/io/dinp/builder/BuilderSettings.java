package io.dinp.builder;

import io.dinp.builder.artifact.ArtifactLimits;
import io.dinp.registry.RegistryCredentials;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * How the builder works.
 *
 * @param workRoot      where artifacts are unpacked while they build (deleted afterwards)
 * @param timeLimit     a build taking longer fails
 * @param parallel      builds of different apps running at once (builds of one app run one by one)
 * @param registry      where images are pushed; empty under {@code dinp up} alone: images stay local
 * @param baseOverrides stack → base image, replacing the defaults of {@code stacks.properties}
 * @param keepReleases  images of an app's newest releases kept; older ones are deleted (the running one never)
 */
public record BuilderSettings(Path workRoot, Duration timeLimit, int parallel, ArtifactLimits limits,
                              Optional<RegistryCredentials> registry, Map<String, String> baseOverrides, int keepReleases) {
    public static final int DEFAULT_KEEP = 5;

    public BuilderSettings {
        if (parallel < 1) {
            throw new IllegalArgumentException("parallel must be at least 1");
        }
        if (keepReleases < 1) {
            throw new IllegalArgumentException("keepReleases must be at least 1");
        }
        baseOverrides = Map.copyOf(baseOverrides);
    }

    public static BuilderSettings defaults(Path workRoot, Optional<RegistryCredentials> registry) {
        return new BuilderSettings(workRoot, Duration.ofMinutes(10), 2, ArtifactLimits.defaults(), registry, Map.of(),
                DEFAULT_KEEP);
    }

    public BuilderSettings withKeepReleases(int keep) {
        return new BuilderSettings(workRoot, timeLimit, parallel, limits, registry, baseOverrides, keep);
    }
}
