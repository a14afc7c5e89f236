package io.dinp.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.dinp.model.Backend;
import io.dinp.model.RouteTable;
import io.dinp.common.PemTrust;
import io.dinp.routebus.RedisEndpoint;
import io.dinp.routebus.RedisRoutePublisher;
import io.dinp.testkit.RedisServerProcess;
import io.dinp.testkit.TestCa;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 5's route table acceptance with real `dinp router` processes: two routers follow one
 * table through a private Redis; when Redis dies they keep serving their last table and say so
 * on /healthz; when an empty Redis comes back they resync; a router started later has the whole
 * table at once, custom domains included. That Redis is set up as a cluster's should be: TLS only,
 * with a password (from a file for some routers, the environment for others) that no router's
 * output ever shows; a router that cannot trust Redis's certificate stops at once and says why.
 */
class RoutersThroughRedisIT {
    static final Duration PATIENCE = Duration.ofSeconds(30);
    static final String PASSWORD = "redis-pw-" + java.util.UUID.randomUUID();
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    static TestCa ca;
    static Path passwordFile;

    @BeforeAll
    static void certificates() throws Exception {
        ca = TestCa.create("routers-it");
        passwordFile = ca.dir().resolve("redis-password");
        Files.writeString(passwordFile, PASSWORD + "\n");
    }

    static RedisServerProcess secureRedis() {
        return RedisServerProcess.secured(ca.issue("redis", "IP:127.0.0.1"), ca.certificate(), PASSWORD);
    }

    static RedisEndpoint endpoint(RedisServerProcess redis) {
        return RedisEndpoint.of(redis.uri()).withPassword(PASSWORD).withTrust(PemTrust.read(ca.certificate(), "test CA"));
    }

    static HttpServer backend(String name) throws Exception {
        HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        s.createContext("/", ex -> {
            byte[] b = ("app=" + name).getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        s.start();
        return s;
    }

    static RouteTable table(long version, Map<String, HttpServer> apps, Map<String, String> domains) {
        Map<String, List<Backend>> routes = new java.util.TreeMap<>();
        apps.forEach((app, s) -> routes.put(app, List.of(new Backend(app + "-1", "127.0.0.1", s.getAddress().getPort()))));
        return new RouteTable(version, routes, domains);
    }

    String get(int routerPort, String host) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + routerPort + "/"))
                    .header("Host", host).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() + " " + r.body();
        } catch (Exception e) {
            return "-1 " + e;
        }
    }

    JsonNode health(int routerPort) throws Exception {
        return Api.JSON.readTree(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + routerPort + "/healthz"))
                .build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    /** A router given the password in a file, or (odd {@code port}) in the environment. */
    DinpProcess router(String name, RedisServerProcess redis, int port) throws Exception {
        List<String> args = new ArrayList<>(List.of("router", "--redis", redis.uri(), "--redis-ca-cert",
                ca.certificate().toString(), "--port", "" + port));
        Map<String, String> env = Map.of();
        if (port % 2 == 0) {
            args.addAll(List.of("--redis-password-file", passwordFile.toString()));
        } else {
            env = Map.of("DINP_REDIS_PASSWORD", PASSWORD);
        }
        DinpProcess p = new DinpProcess(name, env, args.toArray(String[]::new));
        p.start();
        return p;
    }

    @Test
    void twoRoutersFollowOneTableThroughAnOutageAndALateOneCatchesUp() throws Exception {
        HttpServer shop = backend("shop");
        HttpServer blog = backend("blog");
        List<DinpProcess> routers = new ArrayList<>();
        try (RedisServerProcess redis = secureRedis()) {
            redis.start();
            int p1 = Ports.free();
            int p2 = Ports.free();
            routers.add(router("router-a", redis, p1));
            routers.add(router("router-b", redis, p2));
            Cluster.awaitHealthy(routers.get(0), p1);
            Cluster.awaitHealthy(routers.get(1), p2);
            try (RedisRoutePublisher publisher = new RedisRoutePublisher(endpoint(redis))) {
                publisher.publish(table(1, Map.of("shop", shop), Map.of()));
                for (int port : List.of(p1, p2)) {
                    await().atMost(PATIENCE).until(() -> get(port, "shop.apps.localhost").equals("200 app=shop"));
                }
                // a change reaches both
                publisher.publish(table(2, Map.of("shop", shop, "blog", blog), Map.of("www.blog.example", "blog")));
                for (int port : List.of(p1, p2)) {
                    await().atMost(PATIENCE).until(() -> get(port, "www.blog.example").equals("200 app=blog"));
                }

                redis.kill();
                for (int port : List.of(p1, p2)) {
                    await().atMost(PATIENCE).untilAsserted(() ->
                            assertThat(health(port).get("routeSource").asText()).isEqualTo("disconnected"));
                    // still serving the last table
                    for (int i = 0; i < 20; i++) {
                        assertThat(get(port, "shop.apps.localhost")).isEqualTo("200 app=shop");
                        assertThat(get(port, "blog.apps.localhost")).isEqualTo("200 app=blog");
                    }
                }
                publisher.publish(table(3, Map.of("blog", blog), Map.of("www.blog.example", "blog")));

                // an empty Redis comes back: the publisher re-sends, both routers resync
                redis.start();
                for (int port : List.of(p1, p2)) {
                    await().atMost(PATIENCE).untilAsserted(() -> {
                        assertThat(get(port, "shop.apps.localhost")).startsWith("404");
                        assertThat(health(port).get("routeSource").asText()).isEqualTo("connected");
                    });
                    assertThat(get(port, "www.blog.example")).isEqualTo("200 app=blog");
                }

                int p3 = Ports.free();
                routers.add(router("router-c", redis, p3));
                Cluster.awaitHealthy(routers.get(2), p3);
                await().atMost(PATIENCE).until(() -> get(p3, "www.blog.example").equals("200 app=blog"));
                assertThat(get(p3, "blog.apps.localhost")).isEqualTo("200 app=blog");
                assertThat(get(p3, "shop.apps.localhost")).startsWith("404");
            }
        } finally {
            for (DinpProcess r : routers) {
                r.stop();
            }
            shop.stop(0);
            blog.stop(0);
        }
        for (DinpProcess r : routers) {
            // the URI is shown (to tell which Redis), the password never
            assertThat(r.output()).as(r.name() + " output").contains("routes from Redis at rediss://127.0.0.1:")
                    .contains("(password ***)").doesNotContain(PASSWORD);
        }
    }

    @Test
    void aRouterThatCannotTrustRedisStopsAndSaysWhy() throws Exception {
        TestCa stranger = TestCa.create("stranger");
        try (RedisServerProcess redis = secureRedis()) {
            redis.start();
            DinpProcess router = new DinpProcess("router-untrusting", Map.of("DINP_REDIS_PASSWORD", PASSWORD), "router",
                    "--redis", redis.uri(), "--redis-ca-cert", stranger.certificate().toString(), "--port", "" + Ports.free());
            router.start();
            assertThat(router.waitFor(Duration.ofSeconds(60))).isEqualTo(2);
            assertThat(router.output()).contains("dinp router: Redis at " + redis.uri()
                    + ": its TLS certificate is not signed by a trusted CA (trusted: " + stranger.certificate() + ")")
                    .doesNotContain(PASSWORD);
        }
    }
}
