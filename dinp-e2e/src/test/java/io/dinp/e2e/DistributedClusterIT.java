package io.dinp.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.dinp.testkit.Docker;
import io.dinp.testkit.TestCertificates;
import io.dinp.testkit.TestImages;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The platform core end to end, distributed: separate server, agents, router and dash processes
 * over MariaDB, Redis and the real Docker Engine. The scenarios build on each other in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DistributedClusterIT {
    static final Duration PATIENCE = Duration.ofSeconds(60);
    static final String HOST = "hello.apps.localhost";
    static Cluster cluster;
    static Api api;

    @BeforeAll
    static void start() throws Exception {
        TestImages.ensureAll();
        cluster = new Cluster().start();
        api = cluster.api;
    }

    @AfterAll
    static void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    static List<JsonNode> instances(String app) {
        return StreamSupport.stream(api.instances(app).spliterator(), false).toList();
    }

    static long running(String app) {
        return instances(app).stream().filter(i -> i.get("state").asText().equals("running")).count();
    }

    static void awaitRunning(String app, int n) {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            JsonNode a = api.app(app);
            assertThat(a.get("status").asText()).as("status of " + app).isEqualTo("running: " + n + "/" + n + " instances running");
            assertThat(instances(app)).hasSize(n);
        });
    }

    /** Instance ids seen through the router within a bounded number of requests. */
    static Set<String> seenThroughRouter(String host, int expected) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < expected * 20 && seen.size() < expected; i++) {
            RouterClient.Answer a = cluster.router.get(host);
            if (a.ok()) {
                seen.add(RouterClient.instanceOf(a));
            }
        }
        return seen;
    }

    @Test
    @Order(1)
    void threeInstancesSpreadOverBothNodesAndAllAnswerThroughTheRouter() {
        api.ok("POST", "/api/v1/apps", Map.of("name", "hello", "image", TestImages.HELLO_V1, "instances", 3, "memory", 128));
        awaitRunning("hello", 3);
        List<JsonNode> list = instances("hello");
        assertThat(list.stream().map(i -> i.get("node").asText()).distinct()).containsExactlyInAnyOrder(cluster.node1, cluster.node2);
        assertThat(list).allSatisfy(i -> assertThat(i.get("address").asText()).startsWith("127.0.0.1:"));
        Set<String> ids = new HashSet<>(list.stream().map(i -> i.get("id").asText()).toList());
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(seenThroughRouter(HOST, 3)).isEqualTo(ids));
        assertThat(api.app("hello").get("url").asText()).isEqualTo("http://hello.apps.localhost:" + cluster.routerPort);
    }

    @Test
    @Order(2)
    void scaleUpThenDownWithoutAFailedRequest() throws Exception {
        api.ok("PATCH", "/api/v1/apps/hello", Map.of("instances", 5));
        awaitRunning("hello", 5);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(seenThroughRouter(HOST, 5)).hasSize(5));
        try (Load load = new Load(cluster.router, HOST, 2)) {
            api.ok("PATCH", "/api/v1/apps/hello", Map.of("instances", 1));
            awaitRunning("hello", 1);
            await().atMost(PATIENCE).until(() -> cluster.containers("hello").size() == 1);
            load.close();
            assertThat(load.total()).isGreaterThan(10);
            assertThat(load.failures).as("failed requests while scaling down").isEmpty();
        }
        String only = instances("hello").getFirst().get("id").asText();
        assertThat(seenThroughRouter(HOST, 1)).containsExactly(only);
        // the router's counters reached dash through Redis: the dashboard's chart shows the load
        await().atMost(PATIENCE).until(() -> {
            var rps = api.ok("GET", "/api/v1/apps/hello/metrics", null).get("rps");
            return rps.valueStream().anyMatch(v -> v.asDouble() > 0);
        });
    }

    @Test
    @Order(3)
    void aRemovedContainerIsReplacedAndLeavesTheRoutes() {
        api.ok("PATCH", "/api/v1/apps/hello", Map.of("instances", 2));
        awaitRunning("hello", 2);
        String victim = instances("hello").getFirst().get("id").asText();
        Docker.run("rm", "-f", "dinp-" + victim);
        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(instances("hello")).noneMatch(i -> i.get("id").asText().equals(victim));
            assertThat(running("hello")).isEqualTo(2);
        });
        for (int i = 0; i < 20; i++) {
            RouterClient.Answer a = cluster.router.get(HOST);
            assertThat(a.ok()).as(a.body()).isTrue();
            assertThat(RouterClient.instanceOf(a)).isNotEqualTo(victim);
        }
    }

    @Test
    @Order(4)
    void moreMemoryThanTheClusterHasIsPendingAndTouchesNothingElse() {
        List<String> before = cluster.containers("hello");
        api.ok("POST", "/api/v1/apps", Map.of("name", "big", "image", TestImages.HELLO_V1, "instances", 1, "memory", 4096));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(api.app("big").get("status").asText())
                .startsWith("pending: insufficient memory (needs 4096 MB, largest free "));
        assertThat(cluster.containers("big")).isEmpty();
        assertThat(cluster.router.get("big.apps.localhost").status()).as("a known app without instances").isEqualTo(503);
        assertThat(cluster.containers("hello")).isEqualTo(before);
        api.ok("PATCH", "/api/v1/apps/big", Map.of("memory", 128));
        awaitRunning("big", 1);
        assertThat(seenThroughRouter("big.apps.localhost", 1)).hasSize(1);
        assertThat(cluster.containers("hello")).isEqualTo(before);
        api.ok("DELETE", "/api/v1/apps/big", null);
    }

    @Test
    @Order(5)
    void anImageChangeRollsWhileServingThroughout() throws Exception {
        awaitRunning("hello", 2);
        try (Load load = new Load(cluster.router, HOST, 2)) {
            api.ok("PATCH", "/api/v1/apps/hello", Map.of("image", TestImages.HELLO_V2));
            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                assertThat(instances("hello")).hasSize(2).allMatch(i -> i.get("image").asText().equals(TestImages.HELLO_V2)
                        && i.get("state").asText().equals("running"));
                assertThat(cluster.containers("hello")).hasSize(2);
            });
            load.close();
            assertThat(load.total()).isGreaterThan(10);
            assertThat(load.failures).as("failed requests during the rollout").isEmpty();
        }
        for (int i = 0; i < 10; i++) {
            assertThat(RouterClient.versionOf(cluster.router.get(HOST))).isEqualTo("v2");
        }
    }

    @Test
    @Order(6)
    void aRestartedServerAdoptsRunningContainers() throws Exception {
        awaitRunning("hello", 2);
        List<String> before = cluster.containers("hello");
        cluster.restartServer();
        // past the settle time and several reconcile passes
        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(api.app("hello").get("status").asText()).isEqualTo("running: 2/2 instances running"));
        await().pollDelay(Duration.ofSeconds(4)).atMost(PATIENCE).until(() -> true);
        assertThat(cluster.containers("hello")).isEqualTo(before);
        assertThat(seenThroughRouter(HOST, 2)).hasSize(2);
    }

    @Test
    @Order(7)
    void deletingAnAppRemovesItsContainersAndRoutes() {
        api.ok("DELETE", "/api/v1/apps/hello", null);
        assertThat(api.get("/api/v1/apps/hello").status()).isEqualTo(404);
        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(cluster.containers("hello")).isEmpty();
            assertThat(cluster.router.get(HOST).status()).isEqualTo(404);
        });
    }

    @Test
    @Order(8)
    void aLostNodesInstancesComeBackElsewhereAndItsLeftoversGoWhenItReturns() throws Exception {
        api.ok("POST", "/api/v1/apps", Map.of("name", "survivor", "image", TestImages.HELLO_V1, "instances", 2, "memory", 64));
        awaitRunning("survivor", 2);
        assertThat(instances("survivor").stream().map(i -> i.get("node").asText()).distinct()).hasSize(2);
        DinpProcess agent2 = cluster.agents.get(cluster.node2);
        agent2.kill();
        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(StreamSupport.stream(api.ok("GET", "/api/v1/nodes", null).spliterator(), false)
                    .filter(n -> n.get("id").asText().equals(cluster.node2)).findFirst().orElseThrow()
                    .get("status").asText()).isEqualTo("down");
            assertThat(instances("survivor")).hasSize(2).allMatch(i -> i.get("node").asText().equals(cluster.node1)
                    && i.get("state").asText().equals("running"));
        });
        for (int i = 0; i < 10; i++) {
            assertThat(cluster.router.get("survivor.apps.localhost").ok()).isTrue();
        }
        // the dead agent's container still runs; when the agent returns it is not assigned any more
        assertThat(Docker.run("ps", "-q", "--filter", "label=io.dinp.node=" + cluster.node2,
                "--filter", "label=io.dinp.app=survivor")).isNotBlank();
        agent2.start();
        await().atMost(PATIENCE).until(() -> Docker.run("ps", "-aq", "--filter", "label=io.dinp.node=" + cluster.node2,
                "--filter", "label=io.dinp.app=survivor").isBlank());
        awaitRunning("survivor", 2);
        api.ok("DELETE", "/api/v1/apps/survivor", null);
    }

    @Test
    @Order(10)
    void deployingAReleaseThenRollingBackServesTheOldVersionAgain() {
        api.ok("POST", "/api/v1/apps", Map.of("name", "rel", "image", TestImages.HELLO_V1, "instances", 2, "memory", 64));
        api.ok("POST", "/api/v1/apps/rel/releases", Map.of("version", "1", "image", TestImages.HELLO_V1, "note", "first"));
        api.ok("POST", "/api/v1/apps/rel/releases", Map.of("version", "2", "image", TestImages.HELLO_V2));
        assertThat(api.send("POST", "/api/v1/apps/rel/releases", Map.of("version", "2", "image", TestImages.HELLO_V2)).status())
                .isEqualTo(409);
        assertThat(api.send("POST", "/api/v1/apps/rel/releases", Map.of("version", "../3", "image", "x")).status()).isEqualTo(400);
        awaitRunning("rel", 2);
        String host = "rel.apps.localhost";

        api.ok("POST", "/api/v1/apps/rel/releases/2/deploy", null);
        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(instances("rel")).hasSize(2).allMatch(i -> i.get("image").asText().equals(TestImages.HELLO_V2)
                    && i.get("state").asText().equals("running"));
            assertThat(RouterClient.versionOf(cluster.router.get(host))).isEqualTo("v2");
        });

        JsonNode back = api.ok("POST", "/api/v1/apps/rel/rollback", null);
        assertThat(back.get("release").asText()).isEqualTo("1");
        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(instances("rel")).hasSize(2).allMatch(i -> i.get("image").asText().equals(TestImages.HELLO_V1)
                    && i.get("state").asText().equals("running"));
            for (int i = 0; i < 5; i++) {
                assertThat(RouterClient.versionOf(cluster.router.get(host))).isEqualTo("v1");
            }
        });
        JsonNode list = api.ok("GET", "/api/v1/apps/rel/releases", null);
        assertThat(list).hasSize(2);
        assertThat(list.get(0).get("version").asText()).isEqualTo("2");
        assertThat(list.get(0).get("current").asBoolean()).isFalse();
        assertThat(list.get(1).get("current").asBoolean()).isTrue();
        assertThat(api.send("POST", "/api/v1/apps/rel/rollback", null).status()).isEqualTo(409);
        assertThat(api.send("POST", "/api/v1/apps/rel/releases/9/deploy", null).status()).isEqualTo(404);
        api.ok("DELETE", "/api/v1/apps/rel", null);
    }

    @Test
    @Order(11)
    void customDomainsRouteToTheirAppThroughRedisAndBelongToOneAppOnly() {
        api.ok("POST", "/api/v1/apps", Map.of("name", "shop", "image", TestImages.HELLO_V1, "instances", 1, "memory", 64));
        api.ok("POST", "/api/v1/apps", Map.of("name", "blog", "image", TestImages.HELLO_V2, "instances", 1, "memory", 64));
        awaitRunning("shop", 1);
        awaitRunning("blog", 1);
        assertThat(cluster.router.get("www.shop.example").status()).isEqualTo(404);

        assertThat(api.send("POST", "/api/v1/apps/shop/domains", Map.of("domain", "WWW.Shop.Example.")).status()).isEqualTo(201);
        assertThat(api.send("POST", "/api/v1/apps/shop/domains", Map.of("domain", "www.shop.example")).status()).isEqualTo(200);
        api.ok("POST", "/api/v1/apps/blog/domains", Map.of("domain", "*.blog.example"));
        Api.Reply taken = api.send("POST", "/api/v1/apps/blog/domains", Map.of("domain", "www.shop.example"));
        assertThat(taken.status()).isEqualTo(409);
        for (String bad : List.of("localhost", "*.com", "a..b", "-a.example", "x.apps.localhost", "a b.example", "*.*.example")) {
            Api.Reply r = api.send("POST", "/api/v1/apps/shop/domains", Map.of("domain", bad));
            assertThat(r.status()).as(bad).isEqualTo(400);
            assertThat(r.body().toString()).as(bad).contains("domain");
        }
        assertThat(api.app("shop").get("domains")).extracting(JsonNode::asText).containsExactly("www.shop.example");

        String certPath = "/api/v1/apps/shop/domains/www.shop.example/certificate";
        Api.Reply wrongKey = api.send("PUT", certPath, Map.of("certificate", TestCertificates.cert("shop"),
                "privateKey", TestCertificates.key("blog")));
        assertThat(wrongKey.status()).isEqualTo(400);
        assertThat(wrongKey.body().toString()).contains("privateKey").doesNotContain("BEGIN PRIVATE KEY");
        Api.Reply notOurs = api.send("PUT", certPath, Map.of("certificate", TestCertificates.cert("blog"),
                "privateKey", TestCertificates.key("blog")));
        assertThat(notOurs.body().toString()).contains("does not name www.shop.example");
        assertThat(api.send("PUT", "/api/v1/apps/shop/domains/www.blog.example/certificate",
                Map.of("certificate", "x", "privateKey", "y")).status()).isEqualTo(404);
        JsonNode info = api.ok("PUT", certPath, Map.of("certificate", TestCertificates.cert("shop"),
                "privateKey", TestCertificates.key("shop")));
        assertThat(info.get("names").toString()).contains("*.shop.example");
        assertThat(api.ok("GET", certPath, null).toString()).contains("www.shop.example").doesNotContain("PRIVATE");

        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(RouterClient.versionOf(cluster.router.get("www.shop.example"))).isEqualTo("v1");
            assertThat(RouterClient.versionOf(cluster.router.get("news.blog.example:8080"))).isEqualTo("v2");
        });
        assertThat(cluster.router.get("a.news.blog.example").status()).isEqualTo(404); // one label deep only

        api.ok("DELETE", "/api/v1/apps/shop/domains/www.shop.example", null);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(cluster.router.get("www.shop.example").status()).isEqualTo(404));
        assertThat(api.send("DELETE", "/api/v1/apps/shop/domains/www.shop.example", null).status()).isEqualTo(404);
        api.ok("POST", "/api/v1/apps/shop/domains", Map.of("domain", "www.shop.example"));
        api.ok("DELETE", "/api/v1/apps/shop", null);
        // deleting the app frees its domains for another
        api.ok("POST", "/api/v1/apps/blog/domains", Map.of("domain", "www.shop.example"));
        api.ok("DELETE", "/api/v1/apps/blog", null);
    }

    @Test
    @Order(12)
    void routeOptionsSetThroughTheApiReachTheRouterThroughRedisAndRestartNothing() {
        String host = "opts.apps.localhost";
        api.ok("POST", "/api/v1/apps", Map.of("name", "opts", "image", TestImages.HELLO_V1, "instances", 2, "memory", 64));
        awaitRunning("opts", 2);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(seenThroughRouter(host, 2)).hasSize(2));
        assertThat(api.ok("GET", "/api/v1/apps/opts/routing", null).toString())
                .isEqualTo("{\"stickySessions\":false,\"maxBodyBytes\":0,\"httpsRedirect\":false}");
        assertThat(cluster.router.send(host, "GET", null).headers().firstValue("Set-Cookie")).isEmpty();
        List<String> containers = cluster.containers("opts");

        Api.Reply bad = api.send("PUT", "/api/v1/apps/opts/routing", Map.of("maxBodyBytes", 100));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body().get("fields").get(0).get("field").asText()).isEqualTo("maxBodyBytes");
        Api.Reply unknown = api.send("PUT", "/api/v1/apps/opts/routing", Map.of("sticky", true));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.error()).contains("sticky");
        assertThat(api.send("PUT", "/api/v1/apps/nosuch/routing", Map.of()).status()).isEqualTo(404);

        api.ok("PUT", "/api/v1/apps/opts/routing", Map.of("stickySessions", true, "maxBodyBytes", 1024));
        assertThat(api.app("opts").get("routing").get("maxBodyBytes").asLong()).isEqualTo(1024);
        String cookie = await().atMost(PATIENCE).until(
                () -> cluster.router.send(host, "GET", null).headers().firstValue("Set-Cookie").orElse(""),
                c -> c.startsWith("dinp_sticky="));
        String pair = cookie.substring(0, cookie.indexOf(';'));
        Set<String> pinned = new HashSet<>();
        for (int i = 0; i < 10; i++) {
            pinned.add(RouterClient.instanceOf(cluster.router.send(host, "GET", null, "Cookie", pair)));
        }
        assertThat(pinned).as("one instance for the cookie").hasSize(1);
        assertThat(cluster.router.send(host, "POST", "b".repeat(1025)).statusCode()).isEqualTo(413);
        assertThat(cluster.router.send(host, "GET", null).statusCode()).as("no TLS redirect asked for").isEqualTo(200);

        api.ok("PUT", "/api/v1/apps/opts/routing", Map.of("httpsRedirect", true));
        await().atMost(PATIENCE).untilAsserted(() -> {
            var r = cluster.router.send(host, "GET", null);
            assertThat(r.statusCode()).isEqualTo(308);
            assertThat(r.headers().firstValue("Location")).contains("https://" + host + ":" + cluster.routerTlsPort + "/");
        });
        assertThat(api.ok("GET", "/api/v1/apps/opts/routing", null).toString()).as("a PUT replaces every option")
                .isEqualTo("{\"stickySessions\":false,\"maxBodyBytes\":0,\"httpsRedirect\":true}");

        api.ok("PUT", "/api/v1/apps/opts/routing", Map.of());
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(cluster.router.send(host, "GET", null).statusCode())
                .isEqualTo(200));
        assertThat(cluster.containers("opts")).as("no option restarted anything").isEqualTo(containers);
        JsonNode events = api.ok("GET", "/api/v1/apps/opts/events", null);
        assertThat(events.get(0).get("kind").asText()).isEqualTo("routing.changed");
        api.ok("DELETE", "/api/v1/apps/opts", null);
    }

    @Test
    @Order(9)
    void badInputIsRefusedByFieldAndAMissingImageIsReported() {
        record Case(Object body, String field) {
        }
        List<Case> cases = List.of(
                new Case(Map.of("name", "Bad_Name", "image", "x:1"), "name"),
                new Case(Map.of("name", "a".repeat(64), "image", "x:1"), "name"),
                new Case(Map.of("image", "x:1"), "name"),
                new Case(Map.of("name", "ok", "image", "x:1", "memory", 16), "memory"),
                new Case(Map.of("name", "ok", "image", "x:1", "memory", 70000), "memory"),
                new Case(Map.of("name", "ok", "image", "x:1", "instances", -1), "instances"),
                new Case(Map.of("name", "ok", "image", "x:1", "instances", 1001), "instances"),
                new Case(Map.of("name", "ok", "image", "x:1", "instances", "three"), "instances"),
                new Case(Map.of("name", "ok", "image", "x:1", "env", Map.of("1BAD", "v")), "env.1BAD"),
                new Case(Map.of("name", "ok", "image", "x:1", "env", Map.of("A-B", "v")), "env.A-B"),
                new Case(Map.of("name", "ok", "image", "x:1", "env", Map.of("PORT", "1")), "env.PORT"),
                new Case(Map.of("name", "ok", "image", "Not An Image"), "image"),
                new Case(Map.of("name", "ok", "image", "x:1", "healthPath", "nope"), "healthPath"),
                new Case(Map.of("name", "ok", "image", "x:1", "colour", "red"), "colour"));
        for (Case c : cases) {
            Api.Reply r = api.send("POST", "/api/v1/apps", c.body());
            assertThat(r.status()).as(c.toString()).isEqualTo(400);
            assertThat(r.body().get("fields").get(0).get("field").asText()).as(c.toString()).isEqualTo(c.field());
            assertThat(r.error()).contains(c.field());
        }
        assertThat(api.send("POST", "/api/v1/apps", "{not json").status()).isEqualTo(400);
        assertThat(api.get("/api/v1/apps/ok").status()).isEqualTo(404);
        assertThat(api.get("/api/v1/apps/nosuch").status()).isEqualTo(404);
        assertThat(api.send("PATCH", "/api/v1/apps/nosuch", Map.of("instances", 1)).status()).isEqualTo(404);
        assertThat(api.withToken(null).get("/api/v1/apps").status()).isEqualTo(401);
        assertThat(api.withToken("dinp_wrong").get("/api/v1/apps").status()).isEqualTo(401);

        api.ok("POST", "/api/v1/apps", Map.of("name", "steady", "image", TestImages.HELLO_V1, "instances", 1, "memory", 64));
        awaitRunning("steady", 1);
        List<String> steady = cluster.containers("steady");
        assertThat(api.send("POST", "/api/v1/apps", Map.of("name", "steady", "image", "x:1")).status()).isEqualTo(409);
        Api.Reply bad = api.send("PATCH", "/api/v1/apps/steady", Map.of("memory", 1));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.error()).contains("memory");

        api.ok("POST", "/api/v1/apps", Map.of("name", "ghost", "image", "dinp-test/does-not-exist:1", "instances", 1, "memory", 64));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(api.app("ghost").get("status").asText())
                .startsWith("failing:").contains("dinp-test/does-not-exist:1").contains("not found"));
        assertThat(cluster.containers("steady")).isEqualTo(steady);
        assertThat(api.app("steady").get("status").asText()).isEqualTo("running: 1/1 instances running");
        api.ok("DELETE", "/api/v1/apps/ghost", null);
        api.ok("DELETE", "/api/v1/apps/steady", null);
    }

    /**
     * The agents were started before dash made the key file in the data directory they share
     * with it, as an operator copies the file to each host: they read it when a secret first
     * needs opening. The controller in between has no key and handles only sealed values.
     */
    @Test
    @Order(13)
    void aSecretReachesInstancesOnBothNodesAndNeitherTheDatabaseNorAnyProcessLogHoldsIt() throws Exception {
        String secret = "cluster-secret-" + java.util.UUID.randomUUID();
        api.ok("POST", "/api/v1/apps", Map.of("name", "vault", "image", TestImages.ENV_ECHO, "instances", 2, "memory", 64,
                "env", Map.of("ECHO_VAR", "TOKEN", "TOKEN", secret), "secretEnv", List.of("TOKEN")));
        awaitRunning("vault", 2);
        assertThat(instances("vault")).extracting(i -> i.get("node").asText()).containsExactlyInAnyOrder(cluster.node1, cluster.node2);
        for (int i = 0; i < 6; i++) {
            assertThat(cluster.router.get("vault.apps.localhost", "/env").body()).isEqualTo(secret);
        }
        assertThat(api.app("vault").get("env").get("TOKEN").asText()).isEqualTo("********");
        try (var c = java.sql.DriverManager.getConnection(Cluster.mariaUrl(cluster.database), Cluster.mariaUser(),
                Cluster.mariaPassword()); var rs = c.createStatement().executeQuery("SELECT env, secret_env FROM apps WHERE name = 'vault'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString("secret_env")).startsWith("{\"TOKEN\":\"dinp:v1:").doesNotContain(secret);
            assertThat(rs.getString("env")).doesNotContain(secret);
        }
        for (DinpProcess p : cluster.processes) {
            assertThat(java.nio.file.Files.readString(p.logFile())).as(p.name()).doesNotContain(secret);
        }
        api.ok("DELETE", "/api/v1/apps/vault", null);
    }
}
