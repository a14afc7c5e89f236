package io.dinp.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a registry is ({@code host:port}, e.g. {@code 127.0.0.1:5000}), whom to log in as, and
 * which CA vouches for its TLS certificate when that is a private one.
 * The password never appears in {@link #toString()}.
 *
 * @param caCertificate PEM file of the CA that signed the registry's certificate; null: the
 *                      default trust (the JVM's CAs here, the system's in the Docker Engine)
 */
public record RegistryCredentials(String address, String username, String password, Path caCertificate) {

    public RegistryCredentials(String address, String username, String password) {
        this(address, username, password, null);
    }

    public RegistryCredentials {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        if (address.isBlank() || address.contains("/")) {
            throw new IllegalArgumentException("registry address must be host[:port], got \"" + address + "\"");
        }
    }

    /** The same, with the registry's certificate verified against {@code caCertificate}. */
    public RegistryCredentials withCaCertificate(Path caCertificate) {
        return new RegistryCredentials(address, username, password, caCertificate);
    }

    /** Whether an image reference lives in this registry ({@code address/...}). */
    public boolean serves(String image) {
        return image != null && image.startsWith(address + "/");
    }

    /** Credentials whose password is the first line of {@code passwordFile}. */
    public static RegistryCredentials withPasswordFile(String address, String username, Path passwordFile) {
        try {
            String password = Files.readString(passwordFile).lines().findFirst().orElse("").strip();
            if (password.isEmpty()) {
                throw new IllegalArgumentException("the password file " + passwordFile + " is empty");
            }
            return new RegistryCredentials(address, username, password);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the registry password file " + passwordFile, e);
        }
    }

    @Override
    public String toString() {
        return "RegistryCredentials[address=" + address + ", username=" + username + ", password=***"
                + (caCertificate == null ? "" : ", caCertificate=" + caCertificate) + "]";
    }
}
