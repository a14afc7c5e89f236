package io.dinp.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.dinp.model.RouteTable;
import io.dinp.routebus.RoutePublisher;
import io.dinp.server.BenchAccess;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The bench/scale harness at a tiny scale, so it keeps working: 10 nodes, 100 instances converge. */
class ScaleHarnessTest {
    private static final Duration LONG = Duration.ofSeconds(60);

    @Test
    void tenNodesRunAHundredInstancesAndRouteThemAll() throws Exception {
        var config = new ScaleHarness.Config(10, 20, 5, 2048, 128);
        RoutePublisher nowhere = table -> { };
        try (ScaleHarness h = new ScaleHarness(config, nowhere)) {
            h.joinNodes();
            h.setDesired(h.apps());

            assertThat(ScaleHarness.await(() -> h.assigned() == 100 && h.running() == 100, LONG)).isTrue();
            assertThat(h.checkAll()).isEqualTo(100);
            assertThat(ScaleHarness.await(() -> h.routed() == 100, LONG)).isTrue();

            // spread and balanced: every node holds the same share
            assertThat(h.state().nodes()).allSatisfy(n -> assertThat(n.instances()).isEqualTo(10));
            RouteTable routes = h.routes();
            assertThat(routes.apps()).hasSize(20).allSatisfy((app, backends) -> assertThat(backends).hasSize(5));

            // converged: a pass over it changes nothing
            h.stopLoop();
            BenchAccess.pass(h.controller());
            assertThat(h.state().nodes().stream().mapToInt(n -> n.instances()).sum()).isEqualTo(100);
            assertThat(h.routed()).isEqualTo(100);
        }
    }

    @Test
    void refusesAClusterTooSmallForItsInstances() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ScaleHarness.Config(1, 10, 10, 1024, 128))
                .hasMessageContaining("more memory");
    }
}
