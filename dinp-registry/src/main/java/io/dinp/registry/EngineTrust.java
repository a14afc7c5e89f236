package io.dinp.registry;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;

/**
 * Makes a Docker Engine on this machine trust a registry's private CA, so its pushes and pulls
 * verify the registry's certificate: Docker reads {@code /etc/docker/certs.d/<host:port>/ca.crt}
 * at every push and pull (no daemon restart). Only that registry's own directory is touched.
 */
public final class EngineTrust {
    /** Where the Docker Engine looks for registries' CAs (rootless Docker: ~/.config/docker/certs.d). */
    public static final Path DEFAULT_DIR = Path.of("/etc/docker/certs.d");

    private EngineTrust() {
    }

    /** The file the Engine reads for {@code address}. */
    public static Path file(Path certsDir, String address) {
        if (address.isBlank() || address.contains("/") || address.contains("\\") || address.startsWith(".")) {
            throw new IllegalArgumentException("registry address must be host[:port], got \"" + address + "\"");
        }
        return certsDir.resolve(address).resolve("ca.crt");
    }

    /**
     * Puts {@code caCertificate} where the Engine reads it for {@code address}.
     *
     * @return true when the file was written, false when it already held exactly these certificates
     * @throws IOException naming the file when it cannot be written (e.g. not root)
     */
    public static boolean install(Path certsDir, String address, Path caCertificate) throws IOException {
        Path target = file(certsDir, address);
        byte[] pem = Files.readAllBytes(caCertificate);
        if (Files.isRegularFile(target) && Arrays.equals(Files.readAllBytes(target), pem)) {
            return false;
        }
        try {
            Files.createDirectories(target.getParent());
            Path tmp = Files.createTempFile(target.getParent(), ".ca-", ".tmp");
            Files.write(tmp, pem);
            // a CA certificate is public; the Engine (root) and operators may read it
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return true;
        } catch (IOException e) {
            throw new IOException("cannot install the registry's CA for the Docker Engine as " + target + " ("
                    + e.getMessage() + "): run as root, or copy it there yourself", e);
        }
    }
}
