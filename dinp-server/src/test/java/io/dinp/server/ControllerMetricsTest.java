package io.dinp.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.dinp.core.ReconcileSettings;
import io.dinp.model.AppSpec;
import io.dinp.model.NodeReport;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import io.dinp.testkit.MutableClock;
import org.junit.jupiter.api.Test;

/** The controller's meters follow its passes: placements, stops, instances, route tables, nodes, events. */
class ControllerMetricsTest {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final ServerMetrics metrics = new ServerMetrics(registry);
    volatile List<AppSpec> apps = List.of(new AppSpec("web", "img:v1", 3, 64, Map.of(), "/", 1));
    final DesiredStateSource desired = () -> apps;
    final Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
    final ClusterState state = new ClusterState(clock, Duration.ofSeconds(10));
    final Controller controller = new Controller(state, desired, table -> { },
            ReconcileSettings.DEFAULTS, clock, Duration.ofSeconds(5), Duration.ZERO, metrics);

    double count(String name) {
        return registry.get(name).counter().count();
    }

    double gauge(String name, String... tags) {
        return registry.get(name).tags(tags).gauge().value();
    }

    @Test
    void aPassCountsWhatItPlacedAndStoppedAndWhatIsDesired() throws Exception {
        metrics.watchNodes(registry, state::nodeStates);
        state.report(new NodeReport("n1", "10.0.0.1", 4096, List.of(), null));
        state.report(new NodeReport("n2", "10.0.0.2", 4096, List.of(), null));
        assertThat(gauge("dinp.server.nodes", "state", "up")).isEqualTo(2);
        assertThat(gauge("dinp.server.nodes", "state", "down")).isZero();

        controller.load();
        controller.pass(1);
        assertThat(count("dinp.server.placements")).isEqualTo(3);
        assertThat(count("dinp.server.stops")).isZero();
        assertThat(gauge("dinp.server.instances.desired")).isEqualTo(3);
        assertThat(gauge("dinp.server.instances.running")).isZero();
        assertThat(registry.get("dinp.server.route.build").timer().count()).isEqualTo(1);

        controller.pass(2);
        assertThat(count("dinp.server.placements")).as("nothing new to place").isEqualTo(3);

        apps = List.of();
        controller.load();
        controller.pass(3);
        assertThat(count("dinp.server.placements")).isEqualTo(3);
        assertThat(count("dinp.server.stops") + count("dinp.server.drains")).isPositive();
        assertThat(gauge("dinp.server.instances.desired")).isZero();
        assertThat(gauge("dinp.server.leader")).isEqualTo(1);
        metrics.leader(false);
        assertThat(gauge("dinp.server.leader")).isZero();
    }

    @Test
    void eventsWaitUntilAPassStarts() {
        controller.nudge();
        controller.nudge();
        controller.desiredChanged();
        assertThat(gauge("dinp.server.reconcile.pending")).isEqualTo(3);
        metrics.passStarted();
        assertThat(gauge("dinp.server.reconcile.pending")).isZero();
    }

    @Test
    void revokedAndSilentNodesAreCountedApart() {
        MutableClock now = new MutableClock(T0);
        ClusterState s = new ClusterState(now, Duration.ofSeconds(10));
        s.report(new NodeReport("a", "10.0.0.1", 1024, List.of(), null));
        now.set(T0.plusSeconds(5));
        s.report(new NodeReport("b", "10.0.0.2", 1024, List.of(), null));
        s.report(new NodeReport("c", "10.0.0.3", 1024, List.of(), null));
        s.revoke("c");
        now.set(T0.plusSeconds(12));
        assertThat(s.nodeStates()).containsExactlyInAnyOrderEntriesOf(Map.of("down", 1, "up", 1, "revoked", 1));
    }
}
