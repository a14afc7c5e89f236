package io.dinp.dash.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.dinp.model.AppStatus;
import io.dinp.model.AppTraffic;
import io.dinp.model.NodeInfo;
import io.dinp.model.RouterTraffic;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClusterHistoryTest {
    static AppTraffic traffic(long requests, long errors, long eachMicros) {
        long[] b = new long[AppTraffic.BOUNDS_MICROS.length + 1];
        b[AppTraffic.bucketOf(eachMicros)] = requests;
        return new AppTraffic(requests, errors, requests * eachMicros, b);
    }

    static RouterTraffic at(long ms, Map<String, AppTraffic> apps) {
        return new RouterTraffic(ms, apps);
    }

    static Map<String, Optional<AppStatus>> apps(String... names) {
        Map<String, Optional<AppStatus>> m = new LinkedHashMap<>();
        for (String n : names) {
            m.put(n, Optional.of(new AppStatus("running", "", 2, 2, 3)));
        }
        return m;
    }

    static NodeInfo node(String id, int allocated) {
        return new NodeInfo(id, "10.0.0.1", 1024, allocated, allocated / 128, "up", Instant.EPOCH);
    }

    @Test
    void ratesComeFromTwoReadingsOfTheSameRouter() {
        ClusterHistory h = new ClusterHistory(10, 2000);
        h.record(1_000, apps("web"), List.of(), Map.of("r1", at(500, Map.of("web", traffic(100, 0, 3_000)))));
        h.record(3_000, apps("web"), List.of(), Map.of("r1", at(2_500, Map.of("web", traffic(300, 10, 3_000)))));
        Map<String, Object> web = h.app("web");
        assertThat(web.get("t")).isEqualTo(List.of(1_000L, 3_000L));
        // the first reading is only a baseline: no rate yet
        assertThat(web.get("rps")).isEqualTo(Arrays.asList(null, 100.0));
        assertThat(web.get("errorRps")).isEqualTo(Arrays.asList(null, 5.0));
        assertThat((List<?>) web.get("p99Ms")).last().satisfies(p -> assertThat((Double) p).isBetween(2.5, 5.0));
        assertThat(web.get("running")).isEqualTo(List.of(2, 2));
        assertThat(web.get("total")).isEqualTo(List.of(3, 3));
        assertThat(web.get("trafficKnown")).isEqualTo(true);
    }

    @Test
    void routersAddUpAndANewRouterCountsFromItsSecondReading() {
        ClusterHistory h = new ClusterHistory(10, 2000);
        h.record(0, apps("web"), null, Map.of("r1", at(0, Map.of("web", traffic(10, 0, 1_000)))));
        h.record(1_000, apps("web"), null, Map.of(
                "r1", at(1_000, Map.of("web", traffic(20, 0, 1_000))),
                "r2", at(77_000, Map.of("web", traffic(5_000, 0, 1_000)))));
        h.record(2_000, apps("web"), null, Map.of(
                "r1", at(2_000, Map.of("web", traffic(30, 0, 1_000))),
                "r2", at(78_000, Map.of("web", traffic(5_040, 0, 1_000)))));
        assertThat(h.app("web").get("rps")).isEqualTo(Arrays.asList(null, 10.0, 50.0));
    }

    @Test
    void ratesUseTheRoutersOwnTimesSoALateOrRepeatedReadingChangesNothing() {
        ClusterHistory h = new ClusterHistory(10, 2000);
        h.record(0, apps("web"), null, Map.of("r1", at(10_000, Map.of("web", traffic(0, 0, 1_000)))));
        // 100 requests in the router's 4 s, though dash read 2 s apart
        h.record(2_000, apps("web"), null, Map.of("r1", at(14_000, Map.of("web", traffic(100, 0, 1_000)))));
        // no newer reading yet: the last interval's rate holds, it does not drop to 0
        h.record(4_000, apps("web"), null, Map.of("r1", at(14_000, Map.of("web", traffic(100, 0, 1_000)))));
        h.record(6_000, apps("web"), null, Map.of("r1", at(16_000, Map.of("web", traffic(100, 0, 1_000)))));
        assertThat(h.app("web").get("rps")).isEqualTo(Arrays.asList(null, 25.0, 25.0, 0.0));
    }

    @Test
    void aGoneRouterIsForgotten() {
        ClusterHistory h = new ClusterHistory(10, 2000);
        h.record(0, apps("web"), null, Map.of("r1", at(0, Map.of("web", traffic(0, 0, 1_000)))));
        h.record(1_000, apps("web"), null, Map.of("r1", at(1_000, Map.of("web", traffic(5, 0, 1_000)))));
        h.record(2_000, apps("web"), null, Map.of());
        assertThat(h.app("web").get("rps")).isEqualTo(Arrays.asList(null, 5.0, null));
    }

    @Test
    void anAppNewOnARouterCountsInFullAndAppsWithoutTrafficShowZero() {
        ClusterHistory h = new ClusterHistory(10, 1000);
        h.record(0, apps("web", "api"), null, Map.of("r1", at(0, Map.of())));
        h.record(1_000, apps("web", "api"), null, Map.of("r1", at(1_000, Map.of("web", traffic(7, 0, 1_000)))));
        assertThat(h.app("web").get("rps")).isEqualTo(Arrays.asList(null, 7.0));
        assertThat(h.app("api").get("rps")).isEqualTo(Arrays.asList(null, 0.0));
        assertThat(h.app("api").get("p99Ms")).isEqualTo(Arrays.asList(null, null));
    }

    @Test
    void withoutRoutersTheTrafficStaysUnknownButCountsAreKept() {
        ClusterHistory h = new ClusterHistory(10, 1000);
        h.record(0, apps("web"), List.of(node("n1", 256)), null);
        h.record(1_000, Map.of("web", Optional.empty()), List.of(node("n1", 384)), null);
        Map<String, Object> web = h.app("web");
        assertThat(web.get("rps")).isEqualTo(Arrays.asList(null, null));
        assertThat(web.get("running")).isEqualTo(Arrays.asList(2, null));
        assertThat(web.get("trafficKnown")).isEqualTo(false);
        @SuppressWarnings("unchecked")
        Map<String, Object> n1 = ((List<Map<String, Object>>) h.nodes().get("nodes")).getFirst();
        assertThat(n1.get("allocatedMb")).isEqualTo(List.of(256, 384));
        assertThat(n1.get("memoryMb")).isEqualTo(List.of(1024, 1024));
    }

    @Test
    void theWindowIsBoundedAndGoneAppsAndNodesAreForgotten() {
        ClusterHistory h = new ClusterHistory(3, 1000);
        for (int i = 0; i < 5; i++) {
            h.record(i * 1000L, apps("web", "old"), List.of(node("n1", 0), node("n2", 0)), null);
        }
        assertThat(h.app("web").get("t")).isEqualTo(List.of(2_000L, 3_000L, 4_000L));
        assertThat(h.app("web").get("windowMs")).isEqualTo(3_000L);
        h.record(5_000, apps("web"), List.of(node("n1", 0)), null);
        assertThat(h.app("old").get("t")).isEqualTo(List.of());
        assertThat((List<?>) h.nodes().get("nodes")).hasSize(1);
    }
}
