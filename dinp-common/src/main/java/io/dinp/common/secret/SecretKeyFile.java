package io.dinp.common.secret;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The file holding the cluster's secret keys ({@code DATA_DIR/secret-key}, or
 * {@code --secret-key-file}): readable by its owner only, one base64 key a line, the current first.
 */
public final class SecretKeyFile {
    private static final Logger log = LoggerFactory.getLogger(SecretKeyFile.class);
    /** Its name in a data directory. */
    public static final String NAME = "secret-key";
    private static final Set<PosixFilePermission> OPEN_TO_OTHERS = Set.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);

    private SecretKeyFile() {
    }

    /**
     * The keys in {@code file}.
     *
     * @throws IOException when it cannot be read
     * @throws IllegalArgumentException when it holds something else than keys
     */
    public static SecretKeys load(Path file) throws IOException {
        if (!Files.isReadable(file)) {
            throw new IOException("cannot read the secret key file " + file);
        }
        warnIfOpen(file);
        return SecretKeys.parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    }

    /**
     * The keys in {@code file}, after creating it with one new key (mode 600) when it does not
     * exist. Two processes starting at once on one data directory end up with the same key: the
     * file appears complete or not at all.
     */
    public static SecretKeys loadOrCreate(Path file) throws IOException {
        if (!Files.exists(file)) {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".secret-key-", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try {
                Files.writeString(tmp, "# DINP secret key: the first line seals, every line opens. Keep it secret, back it up.\n"
                        + SecretKeys.newKeyLine() + "\n", StandardCharsets.UTF_8);
                // a hard link fails if the name exists: the first process wins, the others read its file
                Files.createLink(file, tmp);
                log.info("created the secret key file {} (mode 600): back it up, without it no secret can be read", file);
            } catch (FileAlreadyExistsException e) {
                log.info("another process created the secret key file {} meanwhile", file);
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
        return load(file);
    }

    /**
     * A box over the keys in {@code file}, read when first needed and then kept: a process that
     * only opens secrets (an agent) starts without the file, and an instance with secrets fails
     * with a clear reason until the file is there.
     */
    public static Supplier<SecretBox> whenNeeded(Path file) {
        return new Supplier<>() {
            private volatile SecretBox box;

            @Override
            public SecretBox get() {
                SecretBox b = box;
                if (b != null) {
                    return b;
                }
                synchronized (this) {
                    if (box == null) {
                        try {
                            box = new SecretBox(load(file));
                            log.info("read the secret keys {} from {}", box.describe(), file);
                        } catch (IOException | IllegalArgumentException e) {
                            throw new SecretException("no secret key to open secrets with: " + e.getMessage()
                                    + " (copy dash's secret key file there, or pass --secret-key-file)");
                        }
                    }
                    return box;
                }
            }
        };
    }

    private static void warnIfOpen(Path file) {
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            if (perms.stream().anyMatch(OPEN_TO_OTHERS::contains)) {
                log.warn("the secret key file {} can be read by others than its owner: chmod 600 {}", file, file);
            }
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system: nothing to check
        }
    }
}
