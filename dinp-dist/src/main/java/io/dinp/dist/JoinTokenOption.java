package io.dinp.dist;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The one-time join token an agent or health monitor presents once, to get its certificate: from
 * a file or DINP_JOIN_TOKEN. Needed only for the first start (or after a revocation).
 */
final class JoinTokenOption {
    @Option(names = "--join-token-file", paramLabel = "FILE",
            description = "one-time join token (dinp nodes token create), or set DINP_JOIN_TOKEN; needed until this "
                    + "component has a certificate in its data directory")
    Path file;

    /** The token, or null when none was given. */
    String token() throws java.io.IOException {
        return Secrets.read(file, "DINP_JOIN_TOKEN", "join token");
    }
}
