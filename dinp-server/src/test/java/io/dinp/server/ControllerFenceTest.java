package io.dinp.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dinp.core.ReconcileSettings;
import io.dinp.model.AppSpec;
import io.dinp.model.NodeReport;
import io.dinp.model.RouteTable;
import io.dinp.routebus.RoutePublisher;
import io.dinp.store.Lease;
import io.dinp.store.StaleTermException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/** A controller acting for a term: its plans are recorded under the lease first, and a refused one reaches no agent. */
class ControllerFenceTest {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final AppSpec WEB = new AppSpec("web", "img:v1", 2, 64, Map.of(), "/", 1);

    final List<String> recorded = new ArrayList<>();
    final List<Long> publishedTerms = new ArrayList<>();
    final RoutePublisher publisher = new RoutePublisher() {
        @Override
        public void publish(RouteTable table) {
            publishedTerms.add(0L);
        }

        @Override
        public void publish(RouteTable table, long causeMicros, long term) {
            publishedTerms.add(term);
        }
    };
    final DesiredStateSource desired = new DesiredStateSource() {
        @Override
        public List<AppSpec> apps() {
            return List.of(WEB);
        }

        @Override
        public void record(String kind, String message) {
            recorded.add(kind + ": " + message);
        }
    };
    final Clock clock = Clock.fixed(T0, ZoneOffset.UTC);

    /** A fence for term 5 that holds while {@code holds} says so, as the lease row would. */
    static final class TestFence implements Fence {
        boolean acting = true;
        boolean holds = true;

        @Override
        public long term() {
            return 5;
        }

        @Override
        public boolean acting() {
            return acting;
        }

        @Override
        public <T> T fenced(Callable<T> work) throws Exception {
            if (!holds) {
                throw new StaleTermException("a", 5, new Lease("b", 6, 1, ""));
            }
            return work.call();
        }
    }

    Controller controller(ClusterState state, TestFence fence) throws Exception {
        Controller c = new Controller(state, desired, publisher, ReconcileSettings.DEFAULTS, clock, Duration.ofSeconds(5),
                Duration.ZERO, fence);
        c.load();
        state.report(new NodeReport("n1", "10.0.0.1", 1024, List.of()));
        return c;
    }

    @Test
    void aPlanIsRecordedWithItsTermBeforeAgentsSeeItAndRoutesCarryTheTerm() throws Exception {
        ClusterState state = new ClusterState(clock, Duration.ofSeconds(10), ClusterState.DEFAULT_MONITOR_TIMEOUT, 5);
        controller(state, new TestFence()).pass(1);
        assertThat(recorded).containsExactly("controller.plan: term 5: place 2 (web ×2), drain 0, stop 0");
        assertThat(state.assignment("n1").instances()).hasSize(2);
        assertThat(state.assignment("n1").term()).isEqualTo(5);
        assertThat(publishedTerms).isNotEmpty().containsOnly(5L);
    }

    @Test
    void aDeposedLeadersPlanIsRefusedAndReachesNoAssignment() throws Exception {
        ClusterState state = new ClusterState(clock, Duration.ofSeconds(10), ClusterState.DEFAULT_MONITOR_TIMEOUT, 5);
        TestFence fence = new TestFence();
        fence.holds = false; // another server took the lease at term 6
        Controller c = controller(state, fence);
        assertThatThrownBy(() -> c.pass(1)).isInstanceOf(StaleTermException.class);
        assertThat(recorded).isEmpty();
        assertThat(state.assignment("n1").instances()).isEmpty();
    }

    @Test
    void aControllerThatNoLongerActsDecidesAndPublishesNothing() throws Exception {
        ClusterState state = new ClusterState(clock, Duration.ofSeconds(10), ClusterState.DEFAULT_MONITOR_TIMEOUT, 5);
        TestFence fence = new TestFence();
        fence.acting = false;
        controller(state, fence).pass(1);
        assertThat(recorded).isEmpty();
        assertThat(state.assignment("n1").instances()).isEmpty();
        assertThat(publishedTerms).isEmpty();
    }
}
