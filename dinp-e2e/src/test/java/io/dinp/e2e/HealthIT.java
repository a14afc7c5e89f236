package io.dinp.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.dinp.testkit.Docker;
import io.dinp.testkit.TestImages;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 4's acceptance, end to end on a distributed cluster with two separate health monitors:
 * rolling deploys and instance loss under load without a failed request, a hung instance taken
 * out and replaced, a release that never becomes healthy rolled back, a crash loop that backs
 * off without touching other apps, and a dead monitor's share taken over.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HealthIT {
    static final Duration PATIENCE = Duration.ofSeconds(90);
    static final String HOST = "web.apps.localhost";
    static Cluster cluster;
    static Api api;

    @BeforeAll
    static void start() throws Exception {
        TestImages.ensureAll();
        cluster = new Cluster().withHms(2).withServerArgs("--unhealthy-limit", "4").start();
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

    static Set<String> ids(String app) {
        Set<String> s = new HashSet<>();
        instances(app).forEach(i -> s.add(i.get("id").asText()));
        return s;
    }

    static void awaitRunning(String app, int n) {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            JsonNode a = api.app(app);
            assertThat(a.get("status").asText()).as(a.toString()).isEqualTo("running: " + n + "/" + n + " instances running");
        });
    }

    /** Answers seen through the router until every one of the app's instances answered. */
    static Set<String> versionsServed(int tries) {
        Set<String> v = new HashSet<>();
        for (int i = 0; i < tries; i++) {
            var a = cluster.router.get(HOST);
            assertThat(a.ok()).as(a.toString()).isTrue();
            v.add(RouterClient.versionOf(a));
        }
        return v;
    }

    static String container(String instance) {
        return Docker.run("ps", "-q", "--no-trunc", "--filter", "label=io.dinp.instance=" + instance).trim();
    }

    /** SIGSTOP to every process of the container: it still accepts connections (the kernel does) but never answers. */
    static void freeze(String instance) throws Exception {
        String pid = Docker.run("inspect", "-f", "{{.State.Pid}}", container(instance)).trim();
        List<String> pids = new ArrayList<>(List.of(pid));
        Path children = Path.of("/proc", pid, "task", pid, "children");
        if (Files.exists(children)) {
            pids.addAll(List.of(Files.readString(children).trim().split("\\s+")));
        }
        for (String p : pids) {
            if (!p.isBlank()) {
                new ProcessBuilder("kill", "-STOP", p).inheritIO().start().waitFor();
            }
        }
    }

    static JsonNode instance(String app, String id) {
        return instances(app).stream().filter(i -> i.get("id").asText().equals(id)).findFirst().orElse(null);
    }

    @Test
    @Order(1)
    void anInstanceGetsTrafficOnlyOnceItsCheckPasses() {
        api.ok("POST", "/api/v1/apps", Map.of("name", "web", "image", TestImages.ensureWeb("v1"), "instances", 3,
                "memory", 32, "health", Map.of("path", "/health", "bodyContains", "ok", "startupGraceMs", 4000)));
        awaitRunning("web", 3);
        for (JsonNode i : instances("web")) {
            assertThat(i.get("health").asText()).isEqualTo("healthy");
            assertThat(i.get("checkedBy").asText()).startsWith("hm");
        }
        JsonNode app = api.app("web");
        assertThat(app.get("health").get("path").asText()).isEqualTo("/health");
        assertThat(app.get("health").get("timeoutMs").asLong()).isEqualTo(800);
        assertThat(versionsServed(20)).containsExactly("v1");
    }

    @Test
    @Order(2)
    void healthSettingsAreValidatedByField() {
        Api.Reply r = api.send("PATCH", "/api/v1/apps/web", Map.of("health", Map.of("timeoutMs", 5000, "rise", 0, "nope", 1)));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body().toString()).contains("health.nope").doesNotContain("health.rise");
        r = api.send("PATCH", "/api/v1/apps/web", Map.of("health", Map.of("timeoutMs", 5000, "rise", 0)));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body().toString()).contains("health.timeoutMs").contains("health.rise");
        assertThat(api.app("web").get("generation").asLong()).isEqualTo(1); // nothing changed
    }

    @Test
    @Order(3)
    void aRollingDeployUnderLoadFailsNoRequest() throws Exception {
        Set<String> before = ids("web");
        try (Load load = new Load(cluster.router, HOST, 4)) {
            Thread.sleep(500);
            api.ok("PATCH", "/api/v1/apps/web", Map.of("image", TestImages.ensureWeb("v2")));
            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                assertThat(ids("web")).doesNotContainAnyElementsOf(before).hasSize(3);
                assertThat(api.app("web").get("state").asText()).isEqualTo("running");
            });
            Thread.sleep(500);
            load.close();
            assertThat(load.total()).isGreaterThan(100);
            assertThat(load.failures).as("failed of " + load.total()).isEmpty();
        }
        assertThat(versionsServed(20)).containsExactly("v2");
    }

    @Test
    @Order(4)
    void killingAnInstanceUnderLoadFailsNoGet() throws Exception {
        String victim = ids("web").iterator().next();
        try (Load load = new Load(cluster.router, HOST, 4)) {
            Thread.sleep(500);
            Docker.run("kill", container(victim));
            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                assertThat(ids("web")).doesNotContain(victim).hasSize(3);
                assertThat(api.app("web").get("state").asText()).isEqualTo("running");
            });
            Thread.sleep(500);
            load.close();
            assertThat(load.total()).isGreaterThan(100);
            assertThat(load.failures).as("failed of " + load.total()).isEmpty();
        }
    }

    @Test
    @Order(5)
    void aHungInstanceLeavesTheRoutesThenIsReplaced() throws Exception {
        String victim = ids("web").iterator().next();
        freeze(victim);
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            JsonNode i = instance("web", victim);
            assertThat(i).isNotNull();
            assertThat(i.get("health").asText()).isEqualTo("unhealthy");
            assertThat(i.get("ready").asBoolean()).isFalse();
            assertThat(i.get("healthReason").asText()).contains("no response");
        });
        // out of the routes: every request now gets an answer from the others
        for (int k = 0; k < 20; k++) {
            var a = cluster.router.get(HOST);
            assertThat(a.ok()).as(a.toString()).isTrue();
            assertThat(RouterClient.instanceOf(a)).isNotEqualTo(victim);
        }
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            assertThat(ids("web")).doesNotContain(victim).hasSize(3);
            assertThat(api.app("web").get("state").asText()).isEqualTo("running");
        });
    }

    @Test
    @Order(6)
    void aReleaseThatNeverBecomesHealthyIsRolledBackAndTheOldInstancesStay() throws Exception {
        Set<String> old = ids("web");
        api.ok("POST", "/api/v1/apps/web/releases", Map.of("version", "good", "image", TestImages.ensureWeb("v2")));
        api.ok("POST", "/api/v1/apps/web/releases", Map.of("version", "bad", "image", TestImages.WEB_BROKEN));
        TestImages.ensureWeb("broken");
        try (Load load = new Load(cluster.router, HOST, 2)) {
            api.ok("POST", "/api/v1/apps/web/releases/bad/deploy", null);
            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                JsonNode a = api.app("web");
                assertThat(a.get("image").asText()).isEqualTo(TestImages.ensureWeb("v2"));
                assertThat(a.get("reason").asText()).contains("rolled back").contains("web:broken failed")
                        .contains("never became healthy");
                assertThat(ids("web")).isEqualTo(old);
            });
            load.close();
            assertThat(load.failures).as("failed of " + load.total()).isEmpty();
        }
        JsonNode bad = StreamSupport.stream(api.ok("GET", "/api/v1/apps/web/releases", null).spliterator(), false)
                .filter(r -> r.get("version").asText().equals("bad")).findFirst().orElseThrow();
        assertThat(bad.get("failure").asText()).contains("never became healthy");
        assertThat(bad.get("failedAt").isNull()).isFalse();
        JsonNode events = api.ok("GET", "/api/v1/apps/web/events", null);
        assertThat(events.toString()).contains("rollout.rolled-back");
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(api.app("web").get("state").asText()).isEqualTo("running"));
        assertThat(versionsServed(10)).containsExactly("v2");
    }

    @Test
    @Order(7)
    void anAppThatExitsAtStartBacksOffAndOtherAppsAreUnaffected() throws Exception {
        Set<String> webBefore = ids("web");
        try (Load load = new Load(cluster.router, HOST, 2)) {
            api.ok("POST", "/api/v1/apps", Map.of("name", "crashy", "image", TestImages.ensureCrash(), "memory", 32));
            Pattern restarts = Pattern.compile("crashing: (\\d+) restarts?, last exit 1, (next try in (\\d+) s|restarting now)");
            List<Integer> seen = new ArrayList<>();
            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
                JsonNode a = api.app("crashy");
                Matcher m = restarts.matcher(a.get("status").asText());
                if (m.find()) {
                    seen.add(Integer.parseInt(m.group(1)));
                    assertThat(a.get("lastLog").toString()).contains("crash: exiting with 1 on purpose");
                }
                assertThat(seen).as(a.toString()).isNotEmpty();
                assertThat(seen.getLast()).isGreaterThanOrEqualTo(4);
                assertThat(a.get("status").asText()).contains("next try in");
            });
            assertThat(seen).isSorted();
            load.close();
            assertThat(load.failures).as("failed of " + load.total()).isEmpty();
        }
        assertThat(ids("web")).isEqualTo(webBefore);
        api.ok("DELETE", "/api/v1/apps/crashy", null);
    }

    @Test
    @Order(8)
    void whenAMonitorDiesTheOtherChecksItsInstances() throws Exception {
        HttpClient http = cluster.asDash(io.dinp.pki.Role.SERVER);
        HttpRequest monitors = HttpRequest.newBuilder(URI.create(cluster.serverUrl() + "/internal/v1/hm")).build();
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(Api.JSON.readTree(
                http.send(monitors, HttpResponse.BodyHandlers.ofString()).body()).get("monitors")).hasSize(2));

        JsonNode target = instances("web").getFirst();
        String victim = target.get("id").asText();
        String owner = target.get("checkedBy").asText();
        assertThat(cluster.hms).containsKey(owner);
        cluster.hms.get(owner).stop();
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(Api.JSON.readTree(
                http.send(monitors, HttpResponse.BodyHandlers.ofString()).body()).get("monitors")).hasSize(1));

        freeze(victim);
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            JsonNode i = instance("web", victim);
            assertThat(i).isNotNull();
            assertThat(i.get("health").asText()).isEqualTo("unhealthy");
            assertThat(i.get("checkedBy").asText()).isNotEqualTo(owner);
        });
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            assertThat(ids("web")).doesNotContain(victim).hasSize(3);
            assertThat(api.app("web").get("state").asText()).isEqualTo("running");
        });
    }
}
