package io.dinp.dist;

import io.dinp.registry.RegistryCredentials;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** The private registry images are pushed to and pulled from, with its credentials. */
final class RegistryOptions {
    @Option(names = "--registry", paramLabel = "HOST:PORT", description = "private registry of app images, e.g. 10.0.0.1:5000")
    String address;

    @Option(names = "--registry-user", defaultValue = "dinp", description = "registry user (default: ${DEFAULT-VALUE})")
    String user;

    @Option(names = "--registry-password-file", paramLabel = "FILE", description = "registry password (or set DINP_REGISTRY_PASSWORD)")
    Path passwordFile;

    @Option(names = "--keep-images", defaultValue = "5", paramLabel = "N",
            description = "images kept per app, by the builder (newest releases) and on each node (newest pulled); older ones are deleted (default: ${DEFAULT-VALUE})")
    int keepImages;

    /** Empty without --registry: images must then be on the node already. */
    List<RegistryCredentials> credentials() throws java.io.IOException {
        if (address == null) {
            return List.of();
        }
        String password = Secrets.require(passwordFile, "DINP_REGISTRY_PASSWORD", "registry password", "--registry-password-file");
        return List.of(new RegistryCredentials(address, user, password));
    }
}
