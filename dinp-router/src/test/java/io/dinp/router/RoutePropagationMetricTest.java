package io.dinp.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.dinp.common.Micros;
import io.dinp.model.Backend;
import io.dinp.model.RouteChange;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each applied change's propagation lag lands in the Prometheus histogram, in the right bucket. */
class RoutePropagationMetricTest {

    @Test
    void appliedChangesAreTimedFromWhenTheServerLearnedOfThem() {
        RouteTableHolder routes = new RouteTableHolder();
        RouterMetrics metrics = new RouterMetrics();
        metrics.watch(routes, () -> true, () -> 0);

        long learned = Micros.now() - 3_000; // 3 ms ago
        assertThat(routes.apply(new RouteChange(0, 1, Map.of("web", List.of(new Backend("i1", "127.0.0.1", 8080))),
                Set.of(), learned))).isTrue();
        // a change without a known cause (e.g. a resync) is not timed
        assertThat(routes.apply(new RouteChange(1, 2, Map.of("web", List.of()), Set.of(), 0))).isTrue();

        String s = metrics.scrape();
        assertThat(RouterMetricsIT.value(s, "dinp_router_route_propagation_seconds_count")).isEqualTo(1);
        assertThat(RouterMetricsIT.value(s, "dinp_router_route_propagation_seconds_bucket{le=\"0.002\"}")).isEqualTo(0);
        assertThat(RouterMetricsIT.value(s, "dinp_router_route_propagation_seconds_bucket{le=\"1.0\"}")).isEqualTo(1);
        assertThat(routes.propagation().summary().count()).isEqualTo(1);
    }
}
