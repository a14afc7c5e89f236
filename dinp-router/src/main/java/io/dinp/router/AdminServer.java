package io.dinp.router;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The router's admin listener, apart from the traffic port so that metrics never reach the apps'
 * clients: {@code GET /metrics} (Prometheus text format) and {@code GET /healthz}. Meant for
 * 127.0.0.1 or a management network.
 */
public final class AdminServer implements AutoCloseable {
    private final HttpServer server;

    /**
     * @param health the /healthz body (JSON); its {@code "status"} decides 200 or 503
     */
    public AdminServer(String bindHost, int port, RouterMetrics metrics, Supplier<String> health) throws IOException {
        server = HttpServer.create(new InetSocketAddress(bindHost, port), 16);
        server.createContext("/metrics", ex -> answer(ex, 200, "text/plain; version=0.0.4; charset=utf-8",
                metrics.scrape()));
        server.createContext("/healthz", ex -> answer(ex, 200, "application/json", health.get()));
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
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
