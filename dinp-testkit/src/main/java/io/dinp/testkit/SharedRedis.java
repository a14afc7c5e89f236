package io.dinp.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Redis the integration tests share, as {@code ./dinp test} set it up (scripts/lib.sh
 * {@code ensure_redis}): {@code DINP_TEST_REDIS_URI}, and when that Redis has a password and TLS,
 * {@code DINP_TEST_REDIS_PASSWORD_FILE} and {@code DINP_TEST_REDIS_CA_CERT}. Unset: a plain Redis
 * on 127.0.0.1:6379.
 */
public final class SharedRedis {
    private SharedRedis() {
    }

    public static String uri() {
        return env("DINP_TEST_REDIS_URI").orElse("redis://127.0.0.1:6379");
    }

    public static Optional<Path> passwordFile() {
        return env("DINP_TEST_REDIS_PASSWORD_FILE").map(Path::of);
    }

    public static Optional<String> password() {
        return passwordFile().map(f -> {
            try {
                return Files.readString(f).trim();
            } catch (IOException e) {
                throw new UncheckedIOException("DINP_TEST_REDIS_PASSWORD_FILE: cannot read " + f, e);
            }
        });
    }

    public static Optional<Path> caCertificate() {
        return env("DINP_TEST_REDIS_CA_CERT").map(Path::of);
    }

    /** The options of a {@code dinp} role reaching this Redis: {@code --redis URI} and, if any, its CA. */
    public static List<String> options() {
        List<String> args = new ArrayList<>(List.of("--redis", uri()));
        caCertificate().ifPresent(ca -> args.addAll(List.of("--redis-ca-cert", ca.toString())));
        passwordFile().ifPresent(f -> args.addAll(List.of("--redis-password-file", f.toString())));
        return args;
    }

    private static Optional<String> env(String name) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
    }
}
