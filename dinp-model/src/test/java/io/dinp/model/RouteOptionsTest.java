package io.dinp.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RouteOptionsTest {
    static final RouteOptions STICKY = new RouteOptions(true, 0, false);
    static final RouteOptions SMALL_BODIES = new RouteOptions(false, 4096, false);
    static final RouteOptions REDIRECT = new RouteOptions(false, 0, true);

    @ParameterizedTest
    @ValueSource(longs = {0, 1024, 1025, 1024L * 1024 * 1024, 64L * 1024 * 1024 * 1024})
    void bodyLimitsOfOneKibToSixtyFourGibOrZeroAreAccepted(long bytes) {
        assertThat(RouteOptions.checkMaxBodyBytes(bytes)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(longs = {-1, 1, 1023, 64L * 1024 * 1024 * 1024 + 1, Long.MAX_VALUE, Long.MIN_VALUE})
    void otherBodyLimitsAreRefusedNamingTheField(long bytes) {
        assertThat(RouteOptions.checkMaxBodyBytes(bytes)).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("maxBodyBytes");
            assertThat(e.reason()).contains("1024", "64 GiB", "was " + bytes);
        });
    }

    @Test
    void aNegativeLimitIsNoOption() {
        assertThatThrownBy(() -> new RouteOptions(false, -1, false)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void zeroLeavesTheRoutersLimit() {
        assertThat(RouteOptions.DEFAULTS.bodyLimit(1000)).isEqualTo(1000);
        assertThat(SMALL_BODIES.bodyLimit(1000)).isEqualTo(4096);
        assertThat(new RouteOptions(false, 2048, false).bodyLimit(Long.MAX_VALUE)).isEqualTo(2048);
    }

    @Test
    void tablesHoldOnlyOptionsThatChangeSomething() {
        RouteTable t = new RouteTable(1, Map.of("a", List.of(), "b", List.of()), Map.of(), Map.of(),
                Map.of("a", STICKY, "b", new RouteOptions(false, 0, false)));
        assertThat(t.options()).containsOnlyKeys("a");
        assertThat(t.optionsOf("a")).isEqualTo(STICKY);
        assertThat(t.optionsOf("b")).isSameAs(RouteOptions.DEFAULTS);
        assertThat(t.optionsOf("nope")).isSameAs(RouteOptions.DEFAULTS);
        assertThat(t).isEqualTo(new RouteTable(1, t.apps(), Map.of(), Map.of(), Map.of("a", STICKY)));
        assertThat(t.toString()).contains("options=1");
    }

    @Test
    void optionsTravelOnlyWhenTheyChange() {
        RouteTable a = new RouteTable(1, Map.of("web", List.of(), "api", List.of()), Map.of(), Map.of(),
                Map.of("web", STICKY));
        RouteTable sameOptions = new RouteTable(2, Map.of("web", List.of(RouteChangeTest.A), "api", List.of()),
                Map.of(), Map.of(), Map.of("web", STICKY));
        RouteChange backendsOnly = RouteChange.between(a, sameOptions, 0);
        assertThat(backendsOnly.options()).isNull();
        assertThat(a.apply(backendsOnly)).isEqualTo(sameOptions);

        RouteTable b = new RouteTable(3, sameOptions.apps(), Map.of(), Map.of(),
                Map.of("web", SMALL_BODIES, "api", REDIRECT));
        RouteChange c = RouteChange.between(sameOptions, b, 0);
        assertThat(c.apps()).isEmpty();
        assertThat(c.isEmpty()).isFalse();
        assertThat(c.options()).containsOnlyKeys("web", "api");
        assertThat(sameOptions.apply(c)).isEqualTo(b);

        RouteTable backToDefaults = new RouteTable(4, b.apps());
        RouteChange cleared = RouteChange.between(b, backToDefaults, 0);
        assertThat(cleared.options()).isEmpty();
        assertThat(b.apply(cleared).optionsOf("web")).isEqualTo(RouteOptions.DEFAULTS);
        assertThat(RouteChange.between(backToDefaults, new RouteTable(5, b.apps()), 0).isEmpty()).isTrue();
    }
}
