package io.dinp.pki;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * A component's credentials on disk, in a directory of its own under the data directory
 * ({@code pki/<role>-<id>}, so several components may share a data directory):
 * {@code credentials.pem} (mode 600) holds the key, the certificate and the CA's certificate in one
 * file, replaced whole, so a crash never leaves a key with another's certificate; {@code ca.pem} is
 * the CA's certificate alone, for people and tools that want to trust the cluster's CA.
 */
public final class CredentialFiles {
    static final String FILE = "credentials.pem";
    private final Path dir;

    public CredentialFiles(Path dir) {
        this.dir = dir;
    }

    /** {@code dataDir/pki/<role>-<id>}. */
    public static CredentialFiles in(Path dataDir, Identity identity) {
        return new CredentialFiles(dataDir.resolve("pki").resolve(identity.role().id() + "-" + identity.id()));
    }

    public Path dir() {
        return dir;
    }

    public Path caFile() {
        return dir.resolve("ca.pem");
    }

    /**
     * What is stored, or empty when nothing is.
     *
     * @throws IllegalArgumentException when the file is there but unusable, naming the problem
     */
    public Optional<Credentials> load() throws IOException {
        Path file = dir.resolve(FILE);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        if (SecretFiles.readableByOthers(file)) {
            throw new IllegalArgumentException(file + ": readable by others: chmod 600 " + file);
        }
        try {
            String text = SecretFiles.read(file);
            List<X509Certificate> certs = Pem.certificates(text);
            if (certs.size() != 2) {
                throw new IllegalArgumentException("holds " + certs.size() + " certificates, not the certificate and the CA's");
            }
            return Optional.of(new Credentials(Pem.privateKey(text), certs.get(0), certs.get(1)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": the stored certificate is unusable (" + e.getMessage()
                    + "); remove " + dir + " and join again with a new token", e);
        }
    }

    public void save(Credentials c) throws IOException {
        SecretFiles.write(dir.resolve(FILE), Pem.privateKey(c.key()) + Pem.certificate(c.certificate()) + Pem.certificate(c.ca()));
        SecretFiles.write(caFile(), Pem.certificate(c.ca()));
    }
}
