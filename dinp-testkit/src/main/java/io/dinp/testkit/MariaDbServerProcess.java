package io.dinp.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away MariaDB server (Debian's mariadbd) with a data directory of its own on a free
 * port, offering TLS with a given certificate: for TLS tests that must never reconfigure or
 * restart the shared MariaDB. It has one database and one user with a random password; clients
 * may connect with or without TLS, so a test can show the difference.
 */
public final class MariaDbServerProcess implements AutoCloseable {
    public static final String DATABASE = "dinp";
    public static final String USER = "dinp";
    private final TestCa.Issued certificate;
    private final int port;
    private final String password = "pw-" + UUID.randomUUID();
    private Path dir;
    private Process process;

    public MariaDbServerProcess(TestCa.Issued certificate) {
        this.certificate = certificate;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    /** The JDBC URL of the database, without any TLS setting: the caller chooses. */
    public String url() {
        return "jdbc:mariadb://127.0.0.1:" + port + "/" + DATABASE;
    }

    public String password() {
        return password;
    }

    /**
     * Makes a data directory (the first time), starts mariadbd and waits until it greets a client
     * (about 2 s). After {@link #stop} it starts again on the same data and port.
     */
    public MariaDbServerProcess start() throws IOException {
        if (dir == null) {
            install();
        }
        launch();
        return this;
    }

    private void install() throws IOException {
        dir = Files.createTempDirectory("dinp-mariadb-");
        Path data = dir.resolve("data");
        run(List.of("mariadb-install-db", "--no-defaults", "--datadir=" + data, "--user=root",
                "--auth-root-authentication-method=normal", "--skip-test-db", "--innodb-log-file-size=4M"));
        // the user's password goes in through a file only root reads, never the process arguments
        Path init = dir.resolve("init.sql");
        Files.writeString(init, "CREATE DATABASE IF NOT EXISTS " + DATABASE + " CHARACTER SET utf8mb4;\n"
                + "CREATE USER IF NOT EXISTS '" + USER + "'@'%' IDENTIFIED BY '" + password + "';\n"
                + "GRANT ALL ON " + DATABASE + ".* TO '" + USER + "'@'%';\n");
        Files.setPosixFilePermissions(init, PosixFilePermissions.fromString("rw-------"));
    }

    private void launch() throws IOException {
        Path data = dir.resolve("data");
        Path init = dir.resolve("init.sql");
        process = new ProcessBuilder("mariadbd", "--no-defaults", "--datadir=" + data, "--user=root",
                "--port=" + port, "--bind-address=127.0.0.1", "--socket=" + dir.resolve("mysqld.sock"),
                "--pid-file=" + dir.resolve("mysqld.pid"), "--log-error=" + dir.resolve("error.log"),
                "--innodb-log-file-size=4M", "--innodb-buffer-pool-size=16M", "--init-file=" + init,
                "--ssl-cert=" + certificate.certificate(), "--ssl-key=" + certificate.key())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!greets()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IOException("mariadbd on port " + port + " did not come up; its log:\n" + log());
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for mariadbd", e);
            }
        }
    }

    /** The server sends its handshake packet first, naming its version, once it serves clients. */
    private boolean greets() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            s.setSoTimeout(2000);
            InputStream in = s.getInputStream();
            byte[] buf = in.readNBytes(64);
            return new String(buf, StandardCharsets.ISO_8859_1).contains("MariaDB");
        } catch (IOException e) {
            return false;
        }
    }

    private String log() {
        try {
            return Files.readString(dir.resolve("error.log"));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static void run(List<String> command) throws IOException {
        Process p = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed:\n" + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + command.getFirst(), e);
        }
    }

    /** Shuts mariadbd down (SIGTERM, as a service manager would) and keeps its data for {@link #start}. */
    public void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy(); // SIGTERM: mariadbd shuts down cleanly in a moment
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        stop();
        if (dir != null) {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }
}
