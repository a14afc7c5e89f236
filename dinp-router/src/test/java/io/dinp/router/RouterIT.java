package io.dinp.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dinp.model.Backend;
import io.dinp.model.RouteTable;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The router over real sockets, in front of real (tiny) HTTP servers. */
class RouterIT {
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final RouteTableHolder routes = new RouteTableHolder();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private int port;

    @BeforeEach
    void startRouter() throws Exception {
        Router router = new Router(RouterConfig.defaults().withBind("127.0.0.1", 0), routes);
        port = router.start();
        closeables.add(router);
    }

    @AfterEach
    void tearDown() throws Exception {
        client.close();
        for (AutoCloseable c : closeables.reversed()) {
            c.close();
        }
    }

    private TestBackend backend(String name) throws IOException {
        TestBackend b = new TestBackend(name);
        closeables.add(b);
        return b;
    }

    private void route(long version, String app, Backend... backends) {
        Map<String, List<Backend>> apps = new TreeMap<>(routes.table().apps());
        apps.put(app, List.of(backends));
        routes.replace(new RouteTable(version, apps));
    }

    private HttpRequest.Builder request(String host, String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Host", host).timeout(Duration.ofSeconds(30));
    }

    private HttpResponse<String> get(String host, String path) throws Exception {
        return client.send(request(host, path).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int refusingPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void roundRobinReachesEveryBackendInTurn() throws Exception {
        route(1, "web", backend("w1").backend(), backend("w2").backend(), backend("w3").backend());

        Map<String, Integer> seen = new TreeMap<>();
        for (int i = 0; i < 30; i++) {
            HttpResponse<String> r = get("web.apps.localhost", "/");
            assertThat(r.statusCode()).isEqualTo(200);
            seen.merge(r.body(), 1, Integer::sum);
        }

        assertThat(seen).isEqualTo(Map.of("w1", 10, "w2", 10, "w3", 10));
    }

    @Test
    void refusingBackendIsSkippedWithoutFailingAnyRequest() throws Exception {
        Backend dead = new Backend("dead", "127.0.0.1", refusingPort());
        route(1, "web", dead, backend("w1").backend(), backend("w2").backend());

        for (int i = 0; i < 30; i++) {
            HttpResponse<String> r = get("Web.Apps.Localhost.:" + port, "/");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).isIn("w1", "w2");
        }
    }

    @Test
    void appWhoseBackendsAllRefuseGets502SayingSo() throws Exception {
        route(1, "web", new Backend("d1", "127.0.0.1", refusingPort()), new Backend("d2", "127.0.0.1", refusingPort()));

        HttpResponse<String> r = get("web.apps.localhost", "/");

        assertThat(r.statusCode()).isEqualTo(502);
        assertThat(r.body()).containsIgnoringCase("no instance of app web accepted a connection");
        assertThat(get("web.apps.localhost", "/").statusCode()).as("connection still usable").isEqualTo(502);
    }

    @Test
    void unknownHostGets404AndHealthzAnswersOnTheRoutersOwnHost() throws Exception {
        route(3, "web", backend("w1").backend());

        HttpResponse<String> notFound = get("nope.apps.localhost", "/");
        HttpResponse<String> health = get("localhost", "/healthz");

        assertThat(notFound.statusCode()).isEqualTo(404);
        assertThat(notFound.body()).contains("No app is bound to the host nope.apps.localhost");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"routes\":1", "\"version\":3", "\"routeSource\":\"connected\"");
    }

    @Test
    void backendConnectionsAreKeptAliveAndReused() throws Exception {
        TestBackend w1 = backend("w1");
        route(1, "web", w1.backend());

        for (int i = 0; i < 20; i++) {
            assertThat(get("web.apps.localhost", "/").body()).isEqualTo("w1");
        }

        assertThat(w1.connections).hasSize(1);
    }

    @Test
    void forwardedHeadersAreAdded() throws Exception {
        route(1, "web", backend("w1").backend());

        HttpResponse<String> r = client.send(request("web.apps.localhost:" + port, "/headers")
                .header("X-Forwarded-For", "198.51.100.1").build(), HttpResponse.BodyHandlers.ofString());

        assertThat(r.body()).isEqualTo("xff=198.51.100.1, 127.0.0.1 proto=http host=web.apps.localhost:" + port
                + " secret=null");
    }

    @Test
    void largeChunkedBodyIsStreamedToTheAppAndBack() throws Exception {
        assertEchoes(50L * 1024 * 1024, false);
    }

    @Test
    void largeSizedBodyIsStreamedToTheAppAndBack() throws Exception {
        assertEchoes(50L * 1024 * 1024, true);
    }

    private void assertEchoes(long size, boolean sized) throws Exception {
        route(1, "web", backend("w1").backend());
        MessageDigest sent = MessageDigest.getInstance("SHA-256");
        HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.ofInputStream(
                () -> new DigestInputStream(new PatternStream(size), sent));
        if (sized) {
            body = HttpRequest.BodyPublishers.fromPublisher(body, size);
        }

        HttpResponse<InputStream> r = client.send(request("web.apps.localhost", sized ? "/echo-sized" : "/echo").POST(body).build(),
                HttpResponse.BodyHandlers.ofInputStream());

        MessageDigest received = MessageDigest.getInstance("SHA-256");
        long n;
        try (InputStream in = new DigestInputStream(r.body(), received)) {
            n = in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(n).isEqualTo(size);
        assertThat(HexFormat.of().formatHex(received.digest())).isEqualTo(HexFormat.of().formatHex(sent.digest()));
    }

    @Test
    void routeSwapDoesNotDisturbARequestInFlight() throws Exception {
        TestBackend slow = backend("w1");
        TestBackend other = backend("w2");
        route(1, "web", slow.backend());

        CompletableFuture<HttpResponse<String>> inFlight = client.sendAsync(
                request("web.apps.localhost", "/slow").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(slow.slowStarted.await(10, TimeUnit.SECONDS)).isTrue();
        routes.replace(new RouteTable(2, Map.of("api", List.of(other.backend()))));
        slow.releaseSlow();

        HttpResponse<String> r = inFlight.get(30, TimeUnit.SECONDS);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("slow w1");
        assertThat(get("web.apps.localhost", "/").statusCode()).isEqualTo(404);
        assertThat(get("api.apps.localhost", "/").body()).isEqualTo("w2");
    }

    @Test
    void backendThatClosesAfterEachHttp10ResponseWorks() throws Exception {
        Http10Backend old = new Http10Backend();
        closeables.add(old);
        route(1, "old", old.backend());

        for (int i = 0; i < 5; i++) {
            HttpResponse<String> r = get("old.apps.localhost", "/");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("old-school");
        }

        assertThat(old.connections).hasValue(5);
        await().atMost(Duration.ofSeconds(5)).until(() -> ((Router) closeables.getFirst()).idleBackendConnections() == 0);
    }

    /** A deterministic byte stream of a given length, so large bodies need no memory. */
    private static final class PatternStream extends InputStream {
        private long remaining;
        private int next;

        PatternStream(long size) {
            remaining = size;
        }

        @Override
        public int read() {
            if (remaining == 0) {
                return -1;
            }
            remaining--;
            next = (next * 31 + 7) & 0xff;
            return next;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (remaining == 0) {
                return -1;
            }
            int n = (int) Math.min(len, remaining);
            for (int i = 0; i < n; i++) {
                next = (next * 31 + 7) & 0xff;
                b[off + i] = (byte) next;
            }
            remaining -= n;
            return n;
        }
    }
}
