package io.dinp.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dinp.testkit.Docker;
import io.dinp.testkit.PrometheusText;
import io.dinp.testkit.Samples;
import io.dinp.testkit.TestImages;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Every component's admin listener (--metrics-port) in a distributed cluster: /healthz answers
 * 200 with its checks, /metrics carries the JVM's meters and the component's own, and those move
 * as the cluster works (placements on a scale-up, checks, reports, requests, builds); /healthz
 * turns 503 when what it checks is gone, and back.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MetricsIT {
    static final Duration PATIENCE = Duration.ofSeconds(60);
    static final String HOST = "metered.apps.localhost";
    static Cluster cluster;
    static Api api;
    static DinpProcess builder;
    static int builderPort;
    static int builderMetrics;

    @BeforeAll
    static void start() throws Exception {
        TestImages.ensureAll();
        // the agents run as ./dinp runs them: its JVM flags are tested here too
        cluster = new Cluster().withHms(1).withMetrics().withLauncherAgents().start();
        api = cluster.api;
    }

    @AfterAll
    static void stop() throws Exception {
        if (builder != null) {
            builder.stop();
            Docker.succeeds("rmi", "-f", "dinp/built:1");
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    static int port(String name) {
        return cluster.metricsPorts.get(name);
    }

    static List<Integer> agentPorts() {
        return List.of(port("agent-" + cluster.node1), port("agent-" + cluster.node2));
    }

    static PrometheusText metrics(String name) throws Exception {
        return Scrape.metrics(port(name));
    }

    /** A sample summed over both agents. */
    static double agents(String name, String... labels) throws Exception {
        double sum = 0;
        for (int p : agentPorts()) {
            sum += Scrape.value(Scrape.metrics(p), name, labels);
        }
        return sum;
    }

    static double server(String name, String... labels) throws Exception {
        return Scrape.value(metrics("server"), name, labels);
    }

    static void awaitRunning(String app, int n) {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                assertThat(api.app(app).get("status").asText()).isEqualTo("running: " + n + "/" + n + " instances running"));
    }

    @Test
    @Order(1)
    void everyComponentIsHealthyAndServesTheJvmsMeters() throws Exception {
        assertThat(cluster.metricsPorts.keySet()).containsExactlyInAnyOrder("server", "dash", "hm1", "router",
                "agent-" + cluster.node1, "agent-" + cluster.node2);
        Map<String, List<String>> checks = Map.of("server", List.of("controlLoop", "database"), "dash", List.of("database"),
                "hm1", List.of("hm"), "router", List.of("router"), "agent-" + cluster.node1, List.of("agent"),
                "agent-" + cluster.node2, List.of("agent"));
        for (var e : cluster.metricsPorts.entrySet()) {
            await().atMost(PATIENCE).untilAsserted(() -> {
                Scrape.Health h = Scrape.health(e.getValue());
                assertThat(h.status()).as(e.getKey() + " /healthz: " + h.body()).isEqualTo(200);
                assertThat(h.body().get("status").asText()).isEqualTo("ok");
                List<String> names = new ArrayList<>();
                h.body().get("checks").fieldNames().forEachRemaining(names::add);
                assertThat(names).as(e.getKey()).containsExactlyInAnyOrderElementsOf(checks.get(e.getKey()));
            });
            PrometheusText p = Scrape.metrics(e.getValue());
            assertThat(p.sum("jvm_memory_used_bytes")).as(e.getKey()).isPositive();
            assertThat(p.value("jvm_threads_live_threads")).as(e.getKey()).isPositive();
            assertThat(p.value("process_uptime_seconds")).as(e.getKey()).isPositive();
            assertThat(p.value("jvm_classes_loaded_classes")).as(e.getKey()).isPositive();
        }
        PrometheusText s = metrics("server");
        for (String name : List.of("dinp_server_reconcile_pass_seconds_count", "dinp_server_reconcile_pending",
                "dinp_server_placements_total", "dinp_server_stops_total", "dinp_server_drains_total",
                "dinp_server_assignment_polls_open", "dinp_server_route_build_seconds_count",
                "dinp_server_route_publishes_total", "dinp_server_instances_desired", "dinp_server_instances_running",
                "dinp_server_reconcile_failures_total")) {
            assertThat(s.has(name)).as(name).isTrue();
        }
        assertThat(s.value("dinp_server_leader")).isEqualTo(1.0);
        assertThat(s.value("dinp_server_nodes", "state", "up")).isEqualTo(2.0);
        assertThat(s.value("dinp_server_nodes", "state", "revoked")).isZero();
        assertThat(s.value("dinp_server_reconcile_pass_seconds_count")).isPositive();
        // both agents wait on their assignment's long poll most of the time
        await().atMost(PATIENCE).until(() -> server("dinp_server_assignment_polls_open") >= 1);
        for (int p : agentPorts()) {
            PrometheusText a = Scrape.metrics(p);
            for (String name : List.of("dinp_agent_reports_total", "dinp_agent_report_failures_total",
                    "dinp_agent_report_age_seconds", "dinp_agent_containers_running", "dinp_agent_containers_managed",
                    "dinp_agent_container_starts_total", "dinp_agent_container_stops_total",
                    "dinp_agent_image_pull_seconds_count")) {
                assertThat(a.has(name)).as(name).isTrue();
            }
            assertThat(a.value("dinp_agent_container_failures_total", "action", "start")).isNotNull();
            assertThat(a.value("dinp_agent_image_pulls_total", "result", "ok")).isNotNull();
        }
        PrometheusText hm = metrics("hm1");
        for (String result : List.of("up", "down", "timeout")) {
            assertThat(hm.value("dinp_hm_checks_total", "result", result)).as(result).isNotNull();
        }
        assertThat(hm.has("dinp_hm_targets")).isTrue();
        assertThat(hm.has("dinp_hm_reports_total")).isTrue();
        assertThat(metrics("router").value("dinp_router_route_source_connected")).isEqualTo(1.0);
        assertThat(metrics("dash").has("dinp_dash_login_failures_total")).isTrue();
    }

    @Test
    @Order(2)
    void aScaleUpMovesPlacementsStartsChecksAndRequests() throws Exception {
        double placed = server("dinp_server_placements_total");
        double passes = server("dinp_server_reconcile_pass_seconds_count");
        double reports = server("dinp_server_reports_total", "from", "agent");
        double starts = agents("dinp_agent_container_starts_total");
        api.ok("POST", "/api/v1/apps", Map.of("name", "metered", "image", TestImages.HELLO_V1, "instances", 1, "memory", 64));
        awaitRunning("metered", 1);
        api.ok("PATCH", "/api/v1/apps/metered", Map.of("instances", 3));
        awaitRunning("metered", 3);

        assertThat(server("dinp_server_placements_total")).isGreaterThanOrEqualTo(placed + 3);
        assertThat(server("dinp_server_reconcile_pass_seconds_count")).isGreaterThan(passes);
        assertThat(server("dinp_server_reports_total", "from", "agent")).isGreaterThan(reports);
        assertThat(server("dinp_server_route_publishes_total")).isPositive();
        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(server("dinp_server_instances_desired")).isEqualTo(3.0);
            assertThat(server("dinp_server_instances_running")).isEqualTo(3.0);
            assertThat(server("dinp_server_reports_total", "from", "hm")).isPositive();
        });
        assertThat(agents("dinp_agent_container_starts_total")).isGreaterThanOrEqualTo(starts + 3);
        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(agents("dinp_agent_containers_running")).isEqualTo(3.0);
            assertThat(agents("dinp_agent_reports_total")).isPositive();
        });
        for (int p : agentPorts()) {
            double age = Scrape.value(Scrape.metrics(p), "dinp_agent_report_age_seconds");
            assertThat(age).isBetween(0.0, 30.0);
        }
        await().atMost(PATIENCE).untilAsserted(() -> {
            PrometheusText hm = metrics("hm1");
            assertThat(hm.value("dinp_hm_targets")).isEqualTo(3.0);
            assertThat(hm.value("dinp_hm_checks_total", "result", "up")).isPositive();
            assertThat(hm.value("dinp_hm_check_seconds_count")).isPositive();
            assertThat(hm.value("dinp_hm_reports_total")).isPositive();
        });

        double before = Scrape.value(metrics("router"), "dinp_router_requests_total", "app", "metered", "class", "2xx");
        int ok = 0;
        for (int i = 0; i < 10; i++) {
            ok += cluster.router.get(HOST).ok() ? 1 : 0;
        }
        assertThat(Scrape.value(metrics("router"), "dinp_router_requests_total", "app", "metered", "class", "2xx"))
                .isEqualTo(before + ok);

        PrometheusText dash = metrics("dash");
        assertThat(dash.value("dinp_dash_http_request_seconds_count", "method", "PATCH", "route", "/api/v1/apps/{name}",
                "class", "2xx")).isEqualTo(1.0);
        assertThat(dash.value("dinp_dash_http_request_seconds_count", "method", "GET", "route", "/api/v1/apps/{name}",
                "class", "2xx")).isPositive();
    }

    @Test
    @Order(3)
    void aFailedSignInAndAScaleDownAreCounted() throws Exception {
        double failures = Scrape.value(metrics("dash"), "dinp_dash_login_failures_total");
        HttpResponse<String> r = HttpClient.newBuilder().sslContext(cluster.apiTls).build().send(HttpRequest
                .newBuilder(URI.create("https://127.0.0.1:" + cluster.apiPort + "/api/v1/apps"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("admin:wrong".getBytes())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(401);
        PrometheusText dash = metrics("dash");
        assertThat(dash.value("dinp_dash_login_failures_total")).isEqualTo(failures + 1);
        assertThat(dash.value("dinp_dash_http_request_seconds_count", "method", "GET", "route", "/api/v1/apps",
                "class", "4xx")).isPositive();

        double stops = server("dinp_server_stops_total");
        api.ok("PATCH", "/api/v1/apps/metered", Map.of("instances", 1));
        awaitRunning("metered", 1);
        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(server("dinp_server_stops_total")).isGreaterThanOrEqualTo(stops + 2);
            assertThat(agents("dinp_agent_container_stops_total")).isGreaterThanOrEqualTo(2);
            assertThat(agents("dinp_agent_containers_running")).isEqualTo(1.0);
            assertThat(server("dinp_server_instances_desired")).isEqualTo(1.0);
        });
    }

    @Test
    @Order(4)
    void theBuilderCountsBuildsByResult() throws Exception {
        builderPort = Ports.free();
        builderMetrics = Ports.free();
        builder = new DinpProcess("builder-" + cluster.run, cluster.env(), "builder", "--bind", "127.0.0.1",
                "--port", "" + builderPort, "--db-url", Cluster.mariaUrl(cluster.database), "--db-user", Cluster.mariaUser(),
                "--data-dir", cluster.dataDir.resolve("builder").toString(), "--metrics-port", "" + builderMetrics).start();
        Cluster.awaitHealthy(builder, builderPort);
        Scrape.Health h = Scrape.health(builderMetrics);
        assertThat(h.status()).as(h.body().toString()).isEqualTo(200);
        assertThat(h.body().get("checks").get("database").get("status").asText()).isEqualTo("ok");
        assertThat(h.body().get("checks").get("builder").get("status").asText()).isEqualTo("ok");
        PrometheusText p = Scrape.metrics(builderMetrics);
        assertThat(p.value("dinp_builder_builds_total", "result", "succeeded")).isZero();
        assertThat(p.value("dinp_builder_builds_total", "result", "failed")).isZero();
        assertThat(p.value("dinp_builder_builds_queued")).isZero();
        assertThat(p.value("dinp_builder_builds_running")).isZero();
        assertThat(p.has("dinp_builder_push_seconds_count")).isTrue();

        api.ok("POST", "/api/v1/apps", Map.of("name", "built", "instances", 1, "memory", 64));
        String token = Files.readString(cluster.dataDir.resolve("admin-token")).trim();
        // no base image to pull: scratch, a file, and a step that cannot run without a shell
        assertThat(build(token, "1", "FROM scratch\nCOPY index.html /index.html\n")).isEqualTo("succeeded");
        assertThat(build(token, "2", "FROM scratch\nCOPY index.html /index.html\nRUN false\n")).isEqualTo("failed");
        p = Scrape.metrics(builderMetrics);
        assertThat(p.value("dinp_builder_builds_total", "result", "succeeded")).isEqualTo(1.0);
        assertThat(p.value("dinp_builder_builds_total", "result", "failed")).isEqualTo(1.0);
        assertThat(p.value("dinp_builder_build_seconds_count")).isEqualTo(2.0);
        assertThat(p.value("dinp_builder_builds_running")).isZero();
        assertThat(p.value("dinp_builder_builds_queued")).isZero();
    }

    static String build(String token, String version, String dockerfile) throws Exception {
        byte[] artifact = Samples.tarGz(Map.of("Dockerfile", dockerfile, "index.html", "hi\n"));
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + builderPort + "/api/v1/apps/built/builds?version=" + version + "&stack=dockerfile"))
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofByteArray(artifact)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        String id = Api.JSON.readTree(r.body()).get("id").asText();
        String[] status = new String[1];
        await().atMost(PATIENCE).until(() -> {
            HttpResponse<String> b = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + builderPort + "/api/v1/builds/" + id)).header("Authorization", "Bearer " + token).build(),
                    HttpResponse.BodyHandlers.ofString());
            status[0] = Api.JSON.readTree(b.body()).get("status").asText();
            return List.of("succeeded", "failed").contains(status[0]);
        });
        return status[0];
    }

    @Test
    @Order(5)
    void healthTurnsFailingWhileTheServerIsAwayAndBackAfter() throws Exception {
        cluster.server.stop();
        // agents and the monitor count how long the server has not taken their reports or polls
        await().atMost(PATIENCE).untilAsserted(() -> {
            Scrape.Health a = Scrape.health(port("agent-" + cluster.node1));
            assertThat(a.status()).isEqualTo(503);
            assertThat(a.body().get("status").asText()).isEqualTo("failing");
            assertThat(a.body().get("checks").get("agent").get("lastReportSecondsAgo").asDouble()).isGreaterThan(15);
            assertThat(Scrape.health(port("hm1")).status()).isEqualTo(503);
            assertThat(Scrape.value(Scrape.metrics(port("agent-" + cluster.node1)), "dinp_agent_report_failures_total"))
                    .isPositive();
        });
        // what does not depend on the server stays healthy
        assertThat(Scrape.health(port("dash")).status()).isEqualTo(200);
        assertThat(Scrape.health(port("router")).status()).isEqualTo(200);
        cluster.server.start();
        // the server's listener comes back once its database and CA are loaded
        await().atMost(PATIENCE).ignoreExceptions().untilAsserted(() -> {
            for (var e : cluster.metricsPorts.entrySet()) {
                assertThat(Scrape.health(e.getValue()).status()).as(e.getKey()).isEqualTo(200);
            }
        });
    }
}
