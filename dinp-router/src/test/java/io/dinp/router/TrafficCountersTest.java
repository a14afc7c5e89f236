package io.dinp.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.dinp.model.AppTraffic;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrafficCountersTest {
    @Test
    void countsPerAppWithErrorsAndDurations() {
        RouterMetrics metrics = new RouterMetrics();
        metrics.request("web", 200, 2_000_000);
        metrics.request("web", 503, 30_000_000);
        metrics.request("api", 404, 500_000);
        metrics.request(null, 404, 100_000);
        Map<String, AppTraffic> t = metrics.traffic();
        assertThat(t).containsOnlyKeys("web", "api");
        AppTraffic web = t.get("web");
        assertThat(web.requests()).isEqualTo(2);
        assertThat(web.errors()).isEqualTo(1);
        assertThat(web.latencyMicros()).isEqualTo(32_000);
        assertThat(web.latencyBuckets()[AppTraffic.bucketOf(2_000)]).isEqualTo(1);
        assertThat(web.latencyBuckets()[AppTraffic.bucketOf(30_000)]).isEqualTo(1);
        assertThat(t.get("api").errors()).isZero();
    }

    @Test
    void snapshotsOnlyGrow() {
        RouterMetrics metrics = new RouterMetrics();
        metrics.request("web", 200, 1_000_000);
        AppTraffic first = metrics.traffic().get("web");
        metrics.request("web", 200, 1_000_000);
        AppTraffic second = metrics.traffic().get("web");
        assertThat(second.since(first).requests()).isEqualTo(1);
        assertThat(second.since(first).latencyBuckets()[AppTraffic.bucketOf(1_000)]).isEqualTo(1);
    }
}
