package io.dinp.dist;

import io.dinp.common.secret.SecretKeyFile;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The cluster's secret key file: dash seals secret env values with it, agents open them with it.
 * Every dash and agent of a cluster needs the same file (docs/security.md).
 */
final class SecretKeyOption {
    @Option(names = "--secret-key-file", paramLabel = "FILE",
            description = "the cluster's secret key (one base64 AES-256 key a line, the first seals): the same file on "
                    + "every dash and agent; default DATA_DIR/secret-key (dash and up create it at the first start)")
    Path file;

    /** The file given, or the data directory's. */
    Path in(Path dataDir) {
        return file != null ? file : dataDir.resolve(SecretKeyFile.NAME);
    }
}
