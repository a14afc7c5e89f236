package io.dinp.common.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * A process' admin listener, plain HTTP and apart from its API and traffic ports, so that a
 * Prometheus scrape needs no cluster certificate and metrics never reach apps' clients:
 * {@code GET /metrics} (Prometheus text format) and {@code GET /healthz} (JSON; 200 or 503).
 * Meant for 127.0.0.1 or a management network.
 */
public final class AdminServer implements AutoCloseable {
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    private final HttpServer server;

    /**
     * @param scrapes each a registry's Prometheus text; concatenated (their metric names must not overlap)
     * @param health  the /healthz answer
     */
    public AdminServer(String bindHost, int port, List<Supplier<String>> scrapes, Supplier<Healthz.Answer> health)
            throws IOException {
        List<Supplier<String>> all = List.copyOf(scrapes);
        server = HttpServer.create(new InetSocketAddress(bindHost, port), 16);
        server.createContext("/metrics", ex -> {
            StringBuilder b = new StringBuilder();
            all.forEach(s -> b.append(s.get()));
            answer(ex, 200, PROMETHEUS_TEXT, b.toString());
        });
        server.createContext("/healthz", ex -> {
            Healthz.Answer a = health.get();
            answer(ex, a.status(), "application/json", a.json());
        });
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    }

    /** With the process' {@link Meters} and {@code healthz}. */
    public AdminServer(String bindHost, int port, Healthz healthz) throws IOException {
        this(bindHost, port, List.of(Meters.registry()::scrape), healthz::answer);
    }

    public int start() {
        server.start();
        return server.getAddress().getPort();
    }

    private static void answer(HttpExchange ex, int status, String type, String body) throws IOException {
        try (ex) {
            if (!ex.getRequestMethod().equals("GET") && !ex.getRequestMethod().equals("HEAD")) {
                ex.sendResponseHeaders(405, -1);
                return;
            }
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", type);
            ex.getResponseHeaders().set("Cache-Control", "no-store");
            boolean head = ex.getRequestMethod().equals("HEAD");
            ex.sendResponseHeaders(status, head ? -1 : b.length);
            if (!head) {
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(b);
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
