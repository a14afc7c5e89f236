package io.dinp.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.dinp.common.metrics.AdminServer;
import io.dinp.common.metrics.Healthz;
import io.dinp.model.Backend;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Per-app metrics through the admin port: status classes, latency buckets, retries, ejections. */
class RouterMetricsIT {

    static double value(String scrape, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " ([0-9.eE+-]+)$").matcher(scrape);
        return m.find() ? Double.parseDouble(m.group(1)) : -1;
    }

    @Test
    void requestsAreCountedPerAppAndStatusClassAndServedOnTheAdminPort() throws Exception {
        try (RouterFixture f = new RouterFixture(RouterConfig.defaults());
             AdminServer admin = new AdminServer("127.0.0.1", 0, java.util.List.of(f.router.metrics()::scrape),
                     new Healthz().add("router", f.router::healthCheck)::answer)) {
            int adminPort = admin.start();
            TestBackend web = f.add(new TestBackend("web"));
            f.route("web", new Backend("w0", "127.0.0.1", RouterFixture.refusingPort()), web.backend());
            f.route("empty");
            for (int i = 0; i < 5; i++) {
                assertThat(f.get("web").statusCode()).isEqualTo(200);
            }
            assertThat(f.get("empty").statusCode()).isEqualTo(503);
            assertThat(f.get("nosuchapp").statusCode()).isEqualTo(404);

            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + "/metrics"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            String s = r.body();
            assertThat(value(s, "dinp_router_requests_total{app=\"web\",class=\"2xx\"}")).isEqualTo(5);
            assertThat(value(s, "dinp_router_requests_total{app=\"empty\",class=\"5xx\"}")).isEqualTo(1);
            assertThat(value(s, "dinp_router_requests_total{app=\"-\",class=\"4xx\"}")).isEqualTo(1);
            assertThat(value(s, "dinp_router_request_duration_seconds_count{app=\"web\"}")).isEqualTo(5);
            assertThat(s).contains("dinp_router_request_duration_seconds_bucket{app=\"web\",le=\"0.005\"}");
            // the refused instance: one retry, then ejected and skipped
            assertThat(value(s, "dinp_router_retries_total{app=\"web\"}")).isGreaterThanOrEqualTo(1);
            assertThat(value(s, "dinp_router_ejections_total")).isGreaterThanOrEqualTo(1);
            assertThat(value(s, "dinp_router_connections_active")).isGreaterThanOrEqualTo(0);
            assertThat(value(s, "dinp_router_route_source_connected")).isEqualTo(1);
            assertThat(value(s, "dinp_router_route_version")).isEqualTo(2);

            HttpResponse<String> h = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + "/healthz"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(h.statusCode()).isEqualTo(200);
            assertThat(h.body()).contains("\"routeSource\":\"connected\"");
            HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + "/metrics"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(post.statusCode()).isEqualTo(405);
        }
    }
}
