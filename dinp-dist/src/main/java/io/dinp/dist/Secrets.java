package io.dinp.dist;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Reads secrets from a file or an environment variable — never from the command line, where
 * any user could read them in the process list.
 */
final class Secrets {
    private Secrets() {
    }

    static String read(Path file, String envVar, String what) throws IOException {
        if (file != null) {
            if (!Files.isReadable(file)) {
                throw new IllegalArgumentException(what + ": cannot read " + file);
            }
            return Files.readString(file, StandardCharsets.UTF_8).trim();
        }
        String v = System.getenv(envVar);
        if (v != null && !v.isBlank()) {
            return v.trim();
        }
        return null;
    }

    static String require(Path file, String envVar, String what, String option) throws IOException {
        String v = read(file, envVar, what);
        if (v == null || v.isEmpty()) {
            throw new IllegalArgumentException(what + " is required: pass " + option + " FILE or set " + envVar);
        }
        return v;
    }

    static String random() {
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
