package io.dinp.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dinp.testkit.PrometheusText;
import io.dinp.testkit.TestImages;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code dinp up --metrics-port}: one listener for the whole JVM, every component's meters and checks. */
class UpMetricsIT {
    @Test
    void oneListenerServesEveryComponentsMetersAndChecks() throws Exception {
        TestImages.ensureAll();
        int port = Ports.free();
        try (OneJvm up = new OneJvm("upmetrics", 1024, "--metrics-port", "" + port).start()) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                Scrape.Health h = Scrape.health(port);
                assertThat(h.status()).as(h.body().toString()).isEqualTo(200);
                List<String> names = new ArrayList<>();
                h.body().get("checks").fieldNames().forEachRemaining(names::add);
                assertThat(names).containsExactlyInAnyOrder("controlLoop", "database", "agent", "hm", "builder", "router");
            });
            PrometheusText p = Scrape.metrics(port);
            for (String name : List.of("dinp_server_leader", "dinp_server_reconcile_pass_seconds_count",
                    "dinp_agent_reports_total", "dinp_hm_targets", "dinp_builder_builds_queued",
                    "dinp_dash_login_failures_total", "dinp_router_connections_active", "jvm_threads_live_threads")) {
                assertThat(p.has(name)).as(name).isTrue();
            }
            // one JVM, one set of JVM meters: the router's registry adds only its own
            assertThat(Scrape.metrics(port).samples().keySet().stream()
                    .filter(s -> s.name().equals("jvm_threads_live_threads")).count()).isEqualTo(1);

            double placed = Scrape.value(p, "dinp_server_placements_total");
            up.api.ok("POST", "/api/v1/apps", Map.of("name", "hello", "image", TestImages.HELLO_V1, "instances", 2, "memory", 64));
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                    assertThat(up.api.app("hello").get("status").asText()).isEqualTo("running: 2/2 instances running"));
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                PrometheusText q = Scrape.metrics(port);
                assertThat(Scrape.value(q, "dinp_server_placements_total")).isGreaterThanOrEqualTo(placed + 2);
                assertThat(q.value("dinp_agent_containers_running")).isEqualTo(2.0);
                assertThat(q.value("dinp_hm_checks_total", "result", "up")).isPositive();
                assertThat(q.value("dinp_server_instances_running")).isEqualTo(2.0);
            });
            assertThat(up.router.get("hello.apps.localhost").ok()).isTrue();
            assertThat(Scrape.value(Scrape.metrics(port), "dinp_router_requests_total", "app", "hello", "class", "2xx"))
                    .isGreaterThanOrEqualTo(1);
        }
    }
}
