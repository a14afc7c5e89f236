package io.dinp.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away certificate authority for TLS tests of the data stores, made with Debian's openssl
 * the way {@code scripts/lib.sh} makes the real one: EC P-256 keys, a CA certificate, and server
 * certificates it signs for the names and addresses given. Made fresh per test because a server's
 * address (e.g. the docker0 bridge) differs between machines.
 */
public final class TestCa {
    private final Path dir;
    private final Path certificate;
    private final Path key;

    private TestCa(Path dir) {
        this.dir = dir;
        this.certificate = dir.resolve("ca.crt");
        this.key = dir.resolve("ca.key");
    }

    /** A new CA named {@code name} in a new temporary directory. */
    public static TestCa create(String name) {
        try {
            TestCa ca = new TestCa(Files.createTempDirectory("dinp-ca-" + name + "-"));
            // servers started by a test read these files until the test JVM ends; then they are litter
            Runtime.getRuntime().addShutdownHook(new Thread(ca::delete));
            openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                    "-keyout", ca.key.toString(), "-out", ca.certificate.toString(), "-days", "3650",
                    "-subj", "/CN=" + name, "-addext", "basicConstraints=critical,CA:TRUE",
                    "-addext", "keyUsage=critical,keyCertSign,cRLSign");
            return ca;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The CA certificate (PEM) clients are told to trust. */
    public Path certificate() {
        return certificate;
    }

    public Path dir() {
        return dir;
    }

    /**
     * A server certificate signed by this CA.
     *
     * @param names subjectAltName entries, e.g. {@code IP:127.0.0.1}, {@code DNS:localhost}
     */
    public Issued issue(String name, String... names) {
        Path crt = dir.resolve(name + ".crt");
        Path pem = dir.resolve(name + ".key");
        openssl("req", "-x509", "-CA", certificate.toString(), "-CAkey", key.toString(),
                "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", pem.toString(), "-out", crt.toString(), "-days", "3650", "-subj", "/CN=" + name,
                "-addext", "subjectAltName=" + String.join(",", names),
                "-addext", "basicConstraints=critical,CA:FALSE", "-addext", "extendedKeyUsage=serverAuth");
        try {
            // servers started as another user (mariadbd drops to mysql) must read the key; it protects nothing real
            Files.setPosixFilePermissions(pem, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Issued(crt, pem);
    }

    private void delete() {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // best effort at exit
        }
    }

    /** A certificate and its unencrypted PKCS#8 key, both PEM files. */
    public record Issued(Path certificate, Path key) {
    }

    private static void openssl(String... args) {
        List<String> command = new ArrayList<>();
        command.add("openssl");
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("openssl " + String.join(" ", args) + " failed:\n" + out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run openssl (apt-get install openssl)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running openssl", e);
        }
    }
}
