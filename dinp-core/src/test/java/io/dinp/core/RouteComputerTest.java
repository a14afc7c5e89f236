package io.dinp.core;

import static io.dinp.core.Fixtures.T0;
import static io.dinp.core.Fixtures.app;
import static org.assertj.core.api.Assertions.assertThat;

import io.dinp.model.Backend;
import io.dinp.model.ContainerState;
import io.dinp.model.RouteOptions;
import io.dinp.model.RouteTable;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouteComputerTest {

    @Test
    void onlyServingInstancesOnUpNodesOfDesiredAppsAreRouted() {
        Fixtures f = new Fixtures().node("n1", 4096).node("n2", 4096).app(app("a", 3, 64)).app(app("b", 1, 64));
        var serving = f.serving("a", "n1", "a1");
        f.pending("a", "n1", "a2");
        f.draining("a", "n1", "a3", T0.plusSeconds(2));
        f.serving("a", "n2", "a4");
        f.withState("b", "n1", "b1", ContainerState.EXITED, 1, null);
        f.down("n2");
        RouteTable t = RouteComputer.compute(f.snapshot(), 7);
        assertThat(t.version()).isEqualTo(7);
        assertThat(t.apps()).containsOnlyKeys("a", "b");
        assertThat(t.backends("a")).containsExactly(new Backend("a1", "10.0.0.1", serving.hostPort()));
        assertThat(t.knows("b")).isTrue();
        assertThat(t.backends("b")).isEmpty();
    }

    @Test
    void deletedAppsHaveNoRoutesEvenWhileDraining() {
        Fixtures f = new Fixtures().node("n1", 4096).app(app("a", 1, 64));
        f.serving("a", "n1", "a1");
        f.apps.clear();
        assertThat(RouteComputer.compute(f.snapshot(), 1).apps()).isEmpty();
    }

    @Test
    void routeOptionsOfDesiredAppsOnlyAndNeverTheDefaults() {
        Fixtures f = new Fixtures().node("n1", 4096).app(app("a", 1, 64)).app(app("b", 1, 64));
        RouteOptions sticky = new RouteOptions(true, 0, false);
        RouteTable t = RouteComputer.compute(f.snapshot(), 1, Map.of(), Map.of(), Map.of(
                "a", sticky, "b", RouteOptions.DEFAULTS, "gone", new RouteOptions(false, 2048, true)));
        assertThat(t.options()).containsOnly(Map.entry("a", sticky));
        assertThat(t.optionsOf("b")).isEqualTo(RouteOptions.DEFAULTS);
    }

    @Test
    void aChangeOfOptionsAloneIsAChangeOfRoutes() {
        Fixtures f = new Fixtures().node("n1", 4096).app(app("a", 1, 64));
        f.serving("a", "n1", "a1");
        RouteTable plain = RouteComputer.compute(f.snapshot(), 1, Map.of(), Map.of(), Map.of());
        RouteTable redirect = RouteComputer.compute(f.snapshot(), 2, Map.of(), Map.of(),
                Map.of("a", new RouteOptions(false, 0, true)));
        assertThat(RouteComputer.sameRoutes(plain, redirect)).isFalse();
        assertThat(RouteComputer.sameRoutes(plain, RouteComputer.compute(f.snapshot(), 3, Map.of(), Map.of(),
                Map.of("a", RouteOptions.DEFAULTS)))).isTrue();
        assertThat(redirect.backends("a")).isEqualTo(plain.backends("a"));
    }
}
