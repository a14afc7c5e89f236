package io.dinp.registry;

import com.github.dockerjava.api.model.AuthConfig;

/**
 * The Engine API's {@code X-Registry-Auth} for a registry; sent per call, never stored in {@code ~/.docker}.
 */
public final class DockerAuth {
    private DockerAuth() {
    }

    public static AuthConfig of(RegistryCredentials registry) {
        return new AuthConfig()
                .withRegistryAddress(registry.address())
                .withUsername(registry.username())
                .withPassword(registry.password());
    }
}
