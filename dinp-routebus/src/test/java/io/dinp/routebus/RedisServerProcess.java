package io.dinp.routebus;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A throw-away redis-server child process on a free port, for outage tests that must not touch the shared Redis. */
final class RedisServerProcess implements AutoCloseable {
    private final int port;
    private Process process;

    RedisServerProcess() {
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String uri() {
        return "redis://127.0.0.1:" + port;
    }

    void start() throws IOException {
        process = new ProcessBuilder("/usr/bin/redis-server", "--port", String.valueOf(port),
                "--bind", "127.0.0.1", "--save", "", "--appendonly", "no")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(this::answersPing);
    }

    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    private boolean answersPing() throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            s.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            byte[] buf = new byte[7];
            int n = s.getInputStream().readNBytes(buf, 0, 7);
            return new String(buf, 0, n, StandardCharsets.US_ASCII).startsWith("+PONG");
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            kill();
        }
    }
}
