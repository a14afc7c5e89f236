package io.dinp.router;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.dinp.model.Backend;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Queue;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A tiny app instance for router tests: {@code /} answers its name, {@code /echo} and
 * {@code /echo-sized} send the request body back, {@code /headers} shows the forwarded headers,
 * {@code /forwarded-port} the X-Forwarded-Port,
 * {@code /header-names} the names of all (lower case, sorted), {@code /slow} waits for
 * {@link #releaseSlow()}. It remembers each client connection it saw and each request it answered.
 */
final class TestBackend implements AutoCloseable {
    final String name;
    final Set<Integer> connections = ConcurrentHashMap.newKeySet();
    /** "METHOD /path?query" of every request a handler was called for, in order. */
    final Queue<String> requests = new ConcurrentLinkedQueue<>();
    final CountDownLatch slowStarted = new CountDownLatch(1);
    private final CountDownLatch slowRelease = new CountDownLatch(1);
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();

    TestBackend(String name) throws IOException {
        this.name = name;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(executor);
        server.createContext("/", ex -> reply(ex, name));
        server.createContext("/echo", ex -> echo(ex, false));
        server.createContext("/echo-sized", ex -> echo(ex, true));
        server.createContext("/headers", ex -> reply(ex, "xff=" + ex.getRequestHeaders().getFirst("X-Forwarded-For")
                + " proto=" + ex.getRequestHeaders().getFirst("X-Forwarded-Proto")
                + " host=" + ex.getRequestHeaders().getFirst("X-Forwarded-Host")
                + " secret=" + ex.getRequestHeaders().getFirst("X-Secret")));
        server.createContext("/forwarded-port", ex -> reply(ex, "port=" + ex.getRequestHeaders().getFirst("X-Forwarded-Port")));
        server.createContext("/header-names", ex -> reply(ex, String.join(",", new TreeSet<>(
                ex.getRequestHeaders().keySet().stream().map(n -> n.toLowerCase(Locale.ROOT)).toList()))));
        server.createContext("/slow", ex -> {
            slowStarted.countDown();
            try {
                slowRelease.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            reply(ex, "slow " + name);
        });
        server.start();
    }

    Backend backend() {
        return new Backend(name, "127.0.0.1", server.getAddress().getPort());
    }

    void releaseSlow() {
        slowRelease.countDown();
    }

    private void reply(HttpExchange ex, String body) throws IOException {
        connections.add(ex.getRemoteAddress().getPort());
        requests.add(ex.getRequestMethod() + " " + ex.getRequestURI());
        try (InputStream in = ex.getRequestBody()) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    /**
     * Reads the whole body, then sends it back (chunked, or with a length). Not full duplex on
     * purpose: the JDK client only reads a response once its request is sent.
     */
    private void echo(HttpExchange ex, boolean sized) throws IOException {
        connections.add(ex.getRemoteAddress().getPort());
        byte[] body;
        try (InputStream in = ex.getRequestBody()) {
            body = in.readAllBytes();
        }
        ex.sendResponseHeaders(200, sized ? body.length : 0);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        releaseSlow();
        server.stop(0);
        executor.shutdownNow();
    }
}
