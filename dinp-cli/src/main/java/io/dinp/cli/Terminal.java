package io.dinp.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether a standard stream is a terminal: progress bars and prompts only make sense on one. */
final class Terminal {
    private Terminal() {
    }

    /**
     * Linux says where each descriptor leads; a terminal is a {@code /dev/pts/N} or {@code /dev/ttyN}.
     * (System.console() cannot tell: on recent JDKs it exists even when output is redirected.)
     */
    static boolean isTty(int fd) {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }
}
