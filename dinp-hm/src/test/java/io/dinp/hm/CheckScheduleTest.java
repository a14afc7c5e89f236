package io.dinp.hm;

import static io.dinp.hm.HealthState.Phase.HEALTHY;
import static io.dinp.hm.HealthState.Phase.STARTING;
import static io.dinp.hm.HealthState.Phase.UNHEALTHY;
import static org.assertj.core.api.Assertions.assertThat;

import io.dinp.model.HealthSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class CheckScheduleTest {
    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    private static final HealthSettings D = HealthSettings.DEFAULTS;
    private static final long MS = 1_000_000L;

    private static HealthState in(HealthState.Phase phase) {
        return new HealthState(phase, 0, 0, T0, T0, null);
    }

    @Test
    void aNewInstanceIsCheckedRightAway() {
        RandomGenerator random = new SplittableRandom(1);
        assertThat(CheckSchedule.firstDelayNanos(HealthState.starting(T0), D, false, random)).isZero();
        assertThat(CheckSchedule.firstDelayNanos(in(UNHEALTHY), D, false, random)).isZero();
    }

    @Test
    void aBigBatchOfNewInstancesGetsAtMost50MsOfJitter() {
        RandomGenerator random = new SplittableRandom(1);
        long max = 0;
        for (int i = 0; i < 10_000; i++) {
            long d = CheckSchedule.firstDelayNanos(HealthState.starting(T0), D, true, random);
            assertThat(d).isBetween(0L, 50 * MS);
            max = Math.max(max, d);
        }
        assertThat(max).as("jitter is used").isGreaterThan(40 * MS);
    }

    @Test
    void instancesHandedOverAsHealthyAreSpreadOverTheInterval() {
        RandomGenerator random = new SplittableRandom(1);
        HealthSettings s = D.withTiming(Duration.ofSeconds(1), Duration.ofSeconds(10));
        int[] perSecond = new int[10];
        for (int i = 0; i < 10_000; i++) {
            long d = CheckSchedule.firstDelayNanos(in(HEALTHY), s, false, random);
            assertThat(d).isBetween(0L, 10_000 * MS - 1);
            perSecond[(int) (d / 1000 / MS)]++;
        }
        assertThat(Arrays.stream(perSecond).boxed()).allSatisfy(n -> assertThat(n).isBetween(800, 1200));
    }

    @Test
    void aStartingInstanceIsCheckedAtTheFastInterval() {
        assertThat(CheckSchedule.intervalNanos(in(STARTING), false, D)).isEqualTo(250 * MS);
        assertThat(CheckSchedule.intervalNanos(in(STARTING), true, D)).isEqualTo(250 * MS);
    }

    @Test
    void aHealthyInstanceThatJustFailedIsCheckedAtTheFastInterval() {
        assertThat(CheckSchedule.intervalNanos(in(HEALTHY), true, D)).isEqualTo(250 * MS);
        assertThat(CheckSchedule.intervalNanos(in(HEALTHY), false, D)).isEqualTo(1000 * MS);
    }

    @Test
    void anUnhealthyInstanceIsCheckedAtItsInterval() {
        assertThat(CheckSchedule.intervalNanos(in(UNHEALTHY), true, D)).isEqualTo(1000 * MS);
        assertThat(CheckSchedule.intervalNanos(in(UNHEALTHY), false, D)).isEqualTo(1000 * MS);
    }

    @Test
    void theFastIntervalIsNeverSlowerThanTheInterval() {
        HealthSettings s = D.withTiming(Duration.ofMillis(100), Duration.ofMillis(100));
        assertThat(CheckSchedule.intervalNanos(in(STARTING), false, s)).isEqualTo(100 * MS);
        assertThat(CheckSchedule.intervalNanos(in(HEALTHY), true, s)).isEqualTo(100 * MS);
    }

    @Test
    void theNextCheckIsDueAnIntervalAfterTheLastWasOrAtOnce() {
        // due at 1000, started on time
        assertThat(CheckSchedule.delayNanos(1_000, 1_000, 500, 1_200)).isEqualTo(300);
        assertThat(CheckSchedule.delayNanos(1_000, 1_000, 500, 1_500)).isZero();
        assertThat(CheckSchedule.delayNanos(1_000, 1_000, 500, 9_000)).as("it ran long: next at once").isZero();
    }

    @Test
    void aCheckStartedLateKeepsItsPlaceInTheInterval() {
        // due at 1000, started 100 late: the next is still due at 1500, not 1600
        assertThat(CheckSchedule.delayNanos(1_000, 1_100, 500, 1_200)).isEqualTo(300);
    }

    @Test
    void slotsMissedBeforeALateStartAreSkippedNotCaughtUp() {
        // due at 1000, started at 2300 (slots 1500, 2000 missed): next due at 2500
        assertThat(CheckSchedule.delayNanos(1_000, 2_300, 500, 2_310)).isEqualTo(190);
        // started exactly on a later slot: the next one after it
        assertThat(CheckSchedule.delayNanos(1_000, 2_000, 500, 2_010)).isEqualTo(490);
    }
}
