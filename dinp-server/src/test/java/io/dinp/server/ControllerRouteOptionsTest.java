package io.dinp.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.dinp.core.ReconcileSettings;
import io.dinp.model.AppSpec;
import io.dinp.model.RouteChange;
import io.dinp.model.RouteOptions;
import io.dinp.model.RouteTable;
import io.dinp.routebus.RoutePublisher;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** Route options go from the desired state into the published route table, and alone make a new table. */
class ControllerRouteOptionsTest {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final AppSpec WEB = new AppSpec("web", "img:v1", 0, 64, Map.of(), "/", 1);

    final Map<String, RouteOptions> options = new ConcurrentHashMap<>();
    final List<RouteTable> published = new ArrayList<>();
    final RoutePublisher publisher = published::add;
    final DesiredStateSource desired = new DesiredStateSource() {
        @Override
        public List<AppSpec> apps() {
            return List.of(WEB);
        }

        @Override
        public Map<String, RouteOptions> routeOptions() {
            return Map.copyOf(options);
        }
    };
    final Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
    final Controller controller = new Controller(new ClusterState(clock, Duration.ofSeconds(10)), desired, publisher,
            ReconcileSettings.DEFAULTS, clock, Duration.ofSeconds(5), Duration.ZERO);

    @Test
    void changedOptionsArePublishedWithoutAnyOtherChange() throws Exception {
        RouteOptions sticky = new RouteOptions(true, 0, false);
        options.put("web", sticky);
        options.put("deleted-app", new RouteOptions(false, 0, true));
        controller.load();
        controller.pass(1);
        assertThat(published).hasSize(1);
        RouteTable first = published.getLast();
        assertThat(first.options()).containsOnly(Map.entry("web", sticky));

        controller.pass(2);
        assertThat(published).as("nothing changed, nothing published").hasSize(1);

        options.put("web", new RouteOptions(true, 2048, false));
        controller.load();
        controller.pass(3);
        assertThat(published).hasSize(2);
        RouteChange change = RouteChange.between(first, published.getLast(), 0);
        assertThat(change.apps()).isEmpty();
        assertThat(change.options()).containsOnly(Map.entry("web", new RouteOptions(true, 2048, false)));

        options.clear();
        controller.load();
        controller.pass(4);
        assertThat(published.getLast().options()).isEmpty();
        assertThat(published.getLast().optionsOf("web")).isEqualTo(RouteOptions.DEFAULTS);
    }
}
