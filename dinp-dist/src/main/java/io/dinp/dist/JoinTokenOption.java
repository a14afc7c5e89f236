package io.dinp.dist;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The cluster join token every distributed role presents or checks: from a file or DINP_JOIN_TOKEN. */
final class JoinTokenOption {
    @Option(names = "--join-token-file", paramLabel = "FILE", description = "cluster join token (or set DINP_JOIN_TOKEN)")
    Path file;

    String token() throws java.io.IOException {
        return Secrets.require(file, "DINP_JOIN_TOKEN", "cluster join token", "--join-token-file");
    }
}
