package io.dinp.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.dinp.core.ReconcileSettings;
import io.dinp.model.AppSpec;
import io.dinp.model.Backend;
import io.dinp.model.ContainerReport;
import io.dinp.model.ContainerState;
import io.dinp.model.NodeReport;
import io.dinp.model.RouteTable;
import io.dinp.routebus.RoutePublisher;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import io.dinp.testkit.MutableClock;
import org.junit.jupiter.api.Test;

/**
 * A restarted server publishes no route table while agents are still reporting what runs: the
 * routers keep the last one, instead of a table without the instances not reported yet.
 */
class ControllerSettleTest {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final AppSpec WEB = new AppSpec("web", "img:v1", 2, 64, Map.of(), "/", 1);


    final MutableClock clock = new MutableClock(T0);
    final List<RouteTable> published = new ArrayList<>();
    final RoutePublisher publisher = published::add;
    final DesiredStateSource desired = () -> List.of(WEB);
    final ClusterState state = new ClusterState(clock, Duration.ofSeconds(10));
    final Controller controller = new Controller(state, desired, publisher, ReconcileSettings.DEFAULTS, clock,
            Duration.ofSeconds(30), Duration.ofSeconds(3));

    static ContainerReport running(String id, int port) {
        return new ContainerReport(id, WEB.name(), WEB.specHash(), "c" + id, WEB.image(), WEB.memoryMb(),
                ContainerState.RUNNING, port, true, null, null);
    }

    @Test
    void nothingIsPublishedUntilTheSettleWindowEndsThenEveryReportedInstanceIsRouted() throws Exception {
        controller.load();
        controller.pass(1);
        assertThat(published).as("no report yet: the routers keep their last table").isEmpty();

        clock.set(T0.plusSeconds(1));
        state.report(new NodeReport("n1", "10.0.0.1", 1024, List.of(running("a1", 31001))));
        controller.pass(2);
        assertThat(published).as("one node of two reported").isEmpty();

        clock.set(T0.plusSeconds(2));
        state.report(new NodeReport("n2", "10.0.0.2", 1024, List.of(running("a2", 31002))));
        clock.set(T0.plusSeconds(3));
        controller.pass(3);
        assertThat(published).hasSize(1);
        assertThat(published.getFirst().apps().get("web")).extracting(Backend::instanceId).containsExactlyInAnyOrder("a1", "a2");
    }
}
