package io.dinp.testkit;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away redis-server child process on a free port, for tests that must not touch the shared
 * Redis: outages, and TLS with a password ({@link #secured}).
 */
public final class RedisServerProcess implements AutoCloseable {
    private final int port;
    private final TestCa.Issued certificate; // null: plain TCP
    private final Path caCertificate;
    private final String password; // null: none
    private Process process;

    public RedisServerProcess() {
        this(null, null, null);
    }

    private RedisServerProcess(TestCa.Issued certificate, Path caCertificate, String password) {
        this.certificate = certificate;
        this.caCertificate = caCertificate;
        this.password = password;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A Redis speaking only TLS (no plain port at all) with {@code certificate}, and asking for
     * {@code password}, as {@code scripts/lib.sh} sets up the cluster's Redis.
     *
     * @param caCertificate the CA that signed {@code certificate}, for the readiness check
     */
    public static RedisServerProcess secured(TestCa.Issued certificate, Path caCertificate, String password) {
        return new RedisServerProcess(certificate, caCertificate, password);
    }

    /** {@code redis://127.0.0.1:PORT}, or {@code rediss://} when secured; never with the password. */
    public String uri() {
        return (certificate == null ? "redis" : "rediss") + "://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** Starts it (again: an empty Redis, as after a crash without persistence) and waits until it answers. */
    public void start() throws IOException {
        // the configuration goes in on stdin: a password in the arguments would show in the process list
        process = new ProcessBuilder("/usr/bin/redis-server", "-")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        try (OutputStream in = process.getOutputStream()) {
            in.write(config().getBytes(StandardCharsets.UTF_8));
        }
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            try {
                if (answersPing()) {
                    return;
                }
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            }
            if (!process.isAlive()) {
                throw new IOException("redis-server on port " + port + " exited at start with status " + process.exitValue());
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("redis-server on port " + port + " did not answer PING within 10 s");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for redis-server", e);
            }
        }
    }

    private String config() {
        StringBuilder c = new StringBuilder("bind 127.0.0.1\nsave \"\"\nappendonly no\n");
        if (certificate == null) {
            c.append("port ").append(port).append('\n');
        } else {
            c.append("port 0\ntls-port ").append(port).append('\n')
                    .append("tls-cert-file ").append(certificate.certificate()).append('\n')
                    .append("tls-key-file ").append(certificate.key()).append('\n')
                    .append("tls-auth-clients no\n");
        }
        if (password != null) {
            c.append("requirepass \"").append(password).append("\"\n");
        }
        return c.toString();
    }

    /** SIGKILL, as a crash. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    private boolean answersPing() throws IOException {
        if (certificate != null) {
            return cliPing();
        }
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            s.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            byte[] buf = new byte[7];
            int n = s.getInputStream().readNBytes(buf, 0, 7);
            return new String(buf, 0, n, StandardCharsets.US_ASCII).startsWith("+PONG");
        }
    }

    /** redis-cli speaks TLS; its password comes from the environment, never its arguments. */
    private boolean cliPing() throws IOException {
        ProcessBuilder pb = new ProcessBuilder("redis-cli", "--tls", "--cacert", caCertificate.toString(),
                "-h", "127.0.0.1", "-p", String.valueOf(port), "ping").redirectErrorStream(true);
        if (password != null) {
            pb.environment().put("REDISCLI_AUTH", password);
        }
        Process cli = pb.start();
        String out = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            return cli.waitFor(5, TimeUnit.SECONDS) && out.contains("PONG");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while asking redis-server for PONG", e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            kill();
        }
    }
}
