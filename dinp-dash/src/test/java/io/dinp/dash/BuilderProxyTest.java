package io.dinp.dash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dinp.common.http.ApiException;
import io.dinp.common.http.HttpApi;
import io.dinp.common.http.JsonClient;
import io.dinp.model.access.Caller;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Dash in front of two stand-in builders: real HTTP on loopback, no Docker. */
class BuilderProxyTest {
    private final HttpClient client = HttpClient.newHttpClient();
    private final List<AutoCloseable> open = new CopyOnWriteArrayList<>();
    /** What each stand-in builder received: "METHOD path?query headers body". */
    private final Map<String, List<String>> seen = new ConcurrentHashMap<>();
    private final CountDownLatch releaseLog = new CountDownLatch(1);
    private URI a;
    private URI b;

    @BeforeEach
    void builders() throws Exception {
        a = builder("a", true);
        b = builder("b", false);
    }

    @AfterEach
    void close() throws Exception {
        releaseLog.countDown();
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    /** A builder that answers every route, saying which it is; {@code runs} says it runs build b1 (live log). */
    private URI builder(String name, boolean runs) throws Exception {
        List<String> got = new CopyOnWriteArrayList<>();
        seen.put(name, got);
        HttpApi api = new HttpApi(ex -> Caller.cluster());
        api.open("GET", "/healthz", ex -> ex.json(200, Map.of("status", "ok")));
        api.open("POST", "/api/v1/apps/{name}/builds", ex -> {
            String body = new String(ex.bodyStream().readAllBytes(), StandardCharsets.UTF_8);
            got.add("POST " + ex.path() + "?" + ex.rawQuery() + " auth=" + ex.header("Authorization") + " cookie="
                    + ex.header("Cookie") + " csrf=" + ex.header("X-CSRF-Token") + " other=" + ex.header("X-Other")
                    + " body=" + body);
            ex.header("Location", "/api/v1/builds/b1");
            ex.json(202, Map.of("id", "b1", "builder", name));
        });
        api.open("GET", "/api/v1/apps/{name}/builds", ex -> ex.json(200, List.of(Map.of("builder", name))));
        api.open("GET", "/api/v1/builds/{id}", ex -> {
            if (!ex.param("id").equals("b1")) {
                throw new ApiException(404, "no build " + ex.param("id"));
            }
            ex.json(200, Map.of("id", "b1", "builder", name));
        });
        api.open("GET", "/api/v1/builds/{id}/log", ex -> {
            got.add("LOG " + ex.param("id"));
            if (!ex.param("id").equals("b1")) {
                throw new ApiException(404, "no build " + ex.param("id"));
            }
            if (!runs) {
                ex.text(200, "text/plain; charset=utf-8", "stored log from " + name + "\n");
                return;
            }
            ex.header(JsonClient.BUILD_LIVE, "true");
            try (OutputStream out = ex.stream(200, "text/plain; charset=utf-8")) {
                out.write(("live line 1 from " + name + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
                releaseLog.await(10, TimeUnit.SECONDS);
                out.write("live line 2\n".getBytes(StandardCharsets.UTF_8));
            }
        });
        int port = api.start("127.0.0.1", 0);
        open.add(api);
        return URI.create("http://127.0.0.1:" + port);
    }

    /** A loopback port nothing listens on: a builder that is down. */
    private static int closedPort() throws Exception {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private URI dash(List<URI> builders) throws Exception {
        HttpApi api = new HttpApi(ex -> {
            if (!"Bearer good".equals(ex.header("Authorization"))) {
                throw new ApiException(401, "sign in");
            }
            return Caller.cluster();
        });
        new BuilderProxy(builders, () -> client).register(api);
        int port = api.start("127.0.0.1", 0);
        open.add(api);
        return URI.create("http://127.0.0.1:" + port);
    }

    private HttpResponse<String> call(URI base, String method, String path, String body) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(base.resolve(path)).header("Authorization", "Bearer good")
                .header("X-Other", "not passed on").header("X-CSRF-Token", "t0k");
        r.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return client.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anUploadReachesABuilderWithTheCallersCredentialsAndItsAnswerComesBack() throws Exception {
        URI dash = dash(List.of(a));
        HttpResponse<String> r = call(dash, "POST", "/api/v1/apps/shop/builds?version=1&stack=static", "artifact bytes");
        assertThat(r.statusCode()).isEqualTo(202);
        assertThat(r.headers().firstValue("Location")).contains("/api/v1/builds/b1");
        assertThat(r.body()).contains("\"builder\":\"a\"");
        assertThat(seen.get("a")).containsExactly("POST /api/v1/apps/shop/builds?version=1&stack=static auth=Bearer good "
                + "cookie=null csrf=t0k other=null body=artifact bytes");
    }

    @Test
    void uploadsTakeTurnsAndSkipABuilderThatIsDown() throws Exception {
        URI down = URI.create("http://127.0.0.1:" + closedPort());
        URI dash = dash(List.of(a, down, b));
        for (int i = 0; i < 6; i++) {
            assertThat(call(dash, "POST", "/api/v1/apps/shop/builds?version=" + i + "&stack=static", "x").statusCode())
                    .isEqualTo(202);
        }
        assertThat(seen.get("a")).hasSizeGreaterThanOrEqualTo(2);
        assertThat(seen.get("b")).hasSizeGreaterThanOrEqualTo(2);
        assertThat(seen.get("a").size() + seen.get("b").size()).isEqualTo(6);
    }

    @Test
    void withEveryBuilderDownTheCallerIsToldSo() throws Exception {
        URI dash = dash(List.of(URI.create("http://127.0.0.1:" + closedPort())));
        HttpResponse<String> r = call(dash, "POST", "/api/v1/apps/shop/builds?version=1&stack=static", "x");
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.body()).contains("no builder is available");
    }

    @Test
    void aBuildsLogIsStreamedLiveFromTheBuilderRunningIt() throws Exception {
        URI dash = dash(List.of(b, a)); // b, asked first, only has the stored log
        HttpResponse<java.io.InputStream> r = client.send(HttpRequest.newBuilder(dash.resolve("/api/v1/builds/b1/log"))
                .header("Authorization", "Bearer good").build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(r.statusCode()).isEqualTo(200);
        var lines = new java.io.BufferedReader(new java.io.InputStreamReader(r.body(), StandardCharsets.UTF_8));
        // the first line arrives while the build still runs (the stand-in holds its stream open)
        assertThat(lines.readLine()).isEqualTo("live line 1 from a");
        releaseLog.countDown();
        assertThat(lines.readLine()).isEqualTo("live line 2");
        assertThat(lines.readLine()).isNull();
    }

    @Test
    void aFinishedBuildsLogIsTheStoredOneAndAnUnknownBuildIsNotFound() throws Exception {
        URI dash = dash(List.of(b));
        HttpResponse<String> r = call(dash, "GET", "/api/v1/builds/b1/log", null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("stored log from b\n");
        assertThat(call(dash, "GET", "/api/v1/builds/nope/log", null).statusCode()).isEqualTo(404);
        assertThat(call(dash, "GET", "/api/v1/builds/nope", null).statusCode()).isEqualTo(404);
        assertThat(call(dash, "GET", "/api/v1/apps/shop/builds", null).body()).contains("\"builder\":\"b\"");
    }

    @Test
    void dashChecksTheCallerBeforeAnyBuilderHearsOfIt() throws Exception {
        URI dash = dash(List.of(a));
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(dash.resolve("/api/v1/apps/shop/builds?version=1"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(seen.get("a")).isEmpty();
    }

    @Test
    void theBuilderOptionIsChecked() {
        assertThat(BuilderProxy.parse("https://10.0.0.5:7072, http://127.0.0.1:7072/"))
                .containsExactly(URI.create("https://10.0.0.5:7072"), URI.create("http://127.0.0.1:7072"));
        assertThatThrownBy(() -> BuilderProxy.parse("10.0.0.5:7072")).hasMessageStartingWith("--builder:");
        assertThatThrownBy(() -> BuilderProxy.parse("https://10.0.0.5:7072/api")).hasMessageStartingWith("--builder:");
        assertThatThrownBy(() -> BuilderProxy.parse("ftp://x")).hasMessageStartingWith("--builder:");
        assertThatThrownBy(() -> BuilderProxy.parse("https://u:p@x:1")).hasMessageStartingWith("--builder:");
    }
}
