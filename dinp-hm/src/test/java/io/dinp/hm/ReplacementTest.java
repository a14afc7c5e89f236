package io.dinp.hm;

import io.dinp.model.HealthSettings;
import static io.dinp.hm.HealthState.Phase.HEALTHY;
import static io.dinp.hm.HealthState.Phase.STARTING;
import static io.dinp.hm.HealthState.Phase.UNHEALTHY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ReplacementTest {
    static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    static final Duration LIMIT = Duration.ofSeconds(10);

    @Test
    void anUnhealthyInstanceIsReplacedOnlyOnceTheLimitHasPassed() {
        HealthState down = new HealthState(UNHEALTHY, 0, 5, T0, T0.plusSeconds(100), "connection refused");
        assertThat(Replacement.shouldReplace(down, T0.plusSeconds(100), LIMIT)).isFalse();
        assertThat(Replacement.shouldReplace(down, T0.plusSeconds(110).minusNanos(1), LIMIT)).isFalse();
        assertThat(Replacement.shouldReplace(down, T0.plusSeconds(110), LIMIT)).isTrue();
        assertThat(Replacement.shouldReplace(down, T0.plusSeconds(1000), LIMIT)).isTrue();
    }

    @Test
    void healthyAndStartingInstancesAreNeverReplaced() {
        Instant muchLater = T0.plus(Duration.ofDays(1));
        assertThat(Replacement.shouldReplace(new HealthState(HEALTHY, 0, 1, T0, T0, "x"), muchLater, LIMIT)).isFalse();
        assertThat(Replacement.shouldReplace(new HealthState(STARTING, 0, 1000, T0, T0, "x"), muchLater, LIMIT)).isFalse();
    }

    @Test
    void theLimitMustBePositive() {
        HealthState down = new HealthState(UNHEALTHY, 0, 5, T0, T0, "x");
        assertThatThrownBy(() -> Replacement.shouldReplace(down, T0, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Replacement.shouldReplace(down, T0, Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThat(Replacement.DEFAULT_UNHEALTHY_LIMIT).isPositive();
    }

    @Test
    void aSlowStarterFailingEveryCheckInsideItsGraceIsNeverReplaced() {
        HealthSettings s = HealthSettings.DEFAULTS.withStartupGrace(Duration.ofSeconds(120));
        HealthState st = HealthState.starting(T0);
        for (int t = 0; t < 120; t++) {
            st = HealthMachine.next(st, CheckResult.noResponse("connection refused", Duration.ZERO), T0.plusSeconds(t), s);
            assertThat(Replacement.shouldReplace(st, T0.plusSeconds(t), Duration.ofMillis(1))).as("t=%d", t).isFalse();
        }
    }

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 200);
    }

    /** Whatever the history, a replacement needs fall failures in a row and the limit spent unhealthy since. */
    @ParameterizedTest
    @MethodSource("seeds")
    void replacementNeedsSustainedFailure(long seed) {
        Random r = new Random(seed);
        HealthSettings s = HealthMachinePropertiesTest.randomSettings(r).withThresholds(1 + r.nextInt(3), 2 + r.nextInt(3));
        Duration limit = Duration.ofMillis(1 + r.nextInt(5000));
        HealthState st = HealthState.starting(T0);
        Instant now = T0;
        Instant unhealthySince = null;
        boolean lastFailed = false;
        for (int k = 0; k < 300; k++) {
            now = now.plusMillis(r.nextInt(1000));
            // failures come alone here: never two in a row, so with fall >= 2 nothing is ever replaced
            boolean fail = !lastFailed && r.nextInt(3) == 0;
            lastFailed = fail;
            CheckResult c = fail ? CheckResult.noResponse("reset", Duration.ZERO) : CheckResult.pass(200, Duration.ZERO);
            st = HealthMachine.next(st, c, now, s);
            assertThat(st.phase()).as("seed %d k %d", seed, k).isNotEqualTo(UNHEALTHY);
            assertThat(Replacement.shouldReplace(st, now.plusSeconds(3600), limit)).isFalse();
        }
        for (int k = 0; k < 300; k++) {
            now = now.plusMillis(r.nextInt(1000));
            CheckResult c = r.nextInt(4) == 0 ? CheckResult.pass(200, Duration.ZERO) : CheckResult.noResponse("reset", Duration.ZERO);
            HealthStep step = HealthMachine.step(st, c, now, s);
            st = step.state();
            if (step.transitioned()) {
                unhealthySince = st.phase() == UNHEALTHY ? now : null;
            }
            boolean replace = Replacement.shouldReplace(st, now, limit);
            assertThat(replace).as("seed %d k %d", seed, k)
                    .isEqualTo(unhealthySince != null && !now.isBefore(unhealthySince.plus(limit)));
        }
    }
}
