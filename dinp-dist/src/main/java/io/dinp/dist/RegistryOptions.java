package io.dinp.dist;

import io.dinp.common.PemTrust;
import io.dinp.registry.EngineTrust;
import io.dinp.registry.RegistryCredentials;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** The private registry images are pushed to and pulled from, with its credentials and the CA of its certificate. */
final class RegistryOptions {
    @Option(names = "--registry", paramLabel = "HOST:PORT", description = "private registry of app images, e.g. 10.0.0.1:5000")
    String address;

    @Option(names = "--registry-user", defaultValue = "dinp", description = "registry user (default: ${DEFAULT-VALUE})")
    String user;

    @Option(names = "--registry-password-file", paramLabel = "FILE", description = "registry password (or set DINP_REGISTRY_PASSWORD)")
    Path passwordFile;

    @Option(names = "--registry-ca-cert", paramLabel = "FILE",
            description = "PEM certificate of the CA that signed the registry's TLS certificate; installed for the local "
                    + "Docker Engine as <docker-certs-dir>/HOST:PORT/ca.crt (default: the system's CAs)")
    Path caCertificate;

    @Option(names = "--docker-certs-dir", paramLabel = "DIR", defaultValue = "/etc/docker/certs.d",
            description = "where the Docker Engine reads registries' CAs (default: ${DEFAULT-VALUE})")
    Path dockerCertsDir;

    @Option(names = "--keep-images", defaultValue = "5", paramLabel = "N",
            description = "images kept per app, by the builder (newest releases) and on each node (newest pulled); older ones are deleted (default: ${DEFAULT-VALUE})")
    int keepImages;

    /**
     * Empty without --registry: images must then be on the node already.
     *
     * @throws IllegalArgumentException naming the option that is wrong
     */
    List<RegistryCredentials> credentials() throws IOException {
        if (address == null) {
            if (caCertificate != null) {
                throw new IllegalArgumentException("--registry-ca-cert needs --registry");
            }
            return List.of();
        }
        String password = Secrets.require(passwordFile, "DINP_REGISTRY_PASSWORD", "registry password", "--registry-password-file");
        RegistryCredentials credentials = new RegistryCredentials(address, user, password);
        if (caCertificate == null) {
            return List.of(credentials);
        }
        return List.of(credentials.withCaCertificate(PemTrust.read(caCertificate, "--registry-ca-cert").file()));
    }

    /**
     * Lets the Docker Engine at {@code dockerHost} verify the registry with the CA given, when it runs
     * on this machine; for a remote Engine, says where the CA must go there.
     *
     * @throws IllegalArgumentException when the CA cannot be installed, saying what to do
     */
    void trustInEngine(String role, String dockerHost) {
        if (address == null || caCertificate == null) {
            return;
        }
        Path target = EngineTrust.file(dockerCertsDir, address);
        if (!dockerHost.startsWith("unix://")) {
            System.err.println("dinp " + role + ": the Docker Engine at " + dockerHost + " is not on this machine: put "
                    + caCertificate + " there as " + target + " so it trusts the registry");
            return;
        }
        try {
            if (EngineTrust.install(dockerCertsDir, address, caCertificate)) {
                System.out.println("dinp " + role + ": the Docker Engine now trusts registry " + address + " (CA in " + target + ")");
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("--registry-ca-cert: " + e.getMessage(), e);
        }
    }
}
