package io.dinp.router;

import io.dinp.model.Backend;
import io.dinp.model.RouteOptions;
import io.dinp.model.RouteTable;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A started router, its route table and an HTTP/1.1 client, for ITs; closes whatever it was given. */
final class RouterFixture implements AutoCloseable {
    final RouteTableHolder routes = new RouteTableHolder();
    final Router router;
    final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final int port;
    private long version;

    RouterFixture(RouterConfig config) throws InterruptedException {
        router = new Router(config.withBind("127.0.0.1", 0), routes);
        port = router.start();
    }

    int port() {
        return port;
    }

    <T extends AutoCloseable> T add(T closeable) {
        closeables.add(closeable);
        return closeable;
    }

    /** Publishes a new table in which the app has exactly these backends and the default route options. */
    void route(String app, Backend... backends) {
        route(app, RouteOptions.DEFAULTS, backends);
    }

    /** Publishes a new table in which the app has exactly these backends and these route options. */
    void route(String app, RouteOptions options, Backend... backends) {
        RouteTable now = routes.table();
        Map<String, List<Backend>> apps = new TreeMap<>(now.apps());
        apps.put(app, List.of(backends));
        Map<String, RouteOptions> allOptions = new TreeMap<>(now.options());
        allOptions.put(app, options);
        routes.replace(new RouteTable(++version, apps, now.domains(), now.certificates(), allOptions));
    }

    HttpRequest.Builder request(String app, String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Host", app + ".apps.localhost").timeout(Duration.ofSeconds(30));
    }

    HttpResponse<String> get(String app) throws IOException, InterruptedException {
        return client.send(request(app, "/").build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String app, String body) throws IOException, InterruptedException {
        return client.send(request(app, "/").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A port nothing listens on, so connecting to it is refused. */
    static int refusingPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws Exception {
        client.close();
        router.close();
        for (AutoCloseable c : closeables.reversed()) {
            c.close();
        }
    }
}
