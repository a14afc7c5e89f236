package io.dinp.hm;

import io.dinp.model.HealthSettings;
import static io.dinp.hm.HealthState.Phase.HEALTHY;
import static io.dinp.hm.HealthState.Phase.STARTING;
import static io.dinp.hm.HealthState.Phase.UNHEALTHY;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Seeded random check histories; every step must keep the machine's promises. */
class HealthMachinePropertiesTest {
    static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 300);
    }

    static HealthSettings randomSettings(Random r) {
        Duration interval = Duration.ofMillis(100 + r.nextInt(2900));
        Duration timeout = Duration.ofMillis(10 + r.nextInt((int) interval.toMillis() - 9));
        return HealthSettings.DEFAULTS.withTiming(timeout, interval)
                .withThresholds(1 + r.nextInt(4), 1 + r.nextInt(4))
                .withStartupGrace(Duration.ofMillis(r.nextInt(4) == 0 ? 0 : r.nextInt(20_000)));
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void everyStepKeepsThePromises(long seed) {
        Random r = new Random(seed);
        HealthSettings s = randomSettings(r);
        double passRate = 0.1 + 0.85 * r.nextDouble();
        HealthState st = HealthState.starting(T0);
        List<CheckResult> history = new ArrayList<>();
        Instant now = T0;
        for (int k = 0; k < 200; k++) {
            now = now.plusMillis(r.nextInt(1500));
            CheckResult c = r.nextDouble() < passRate
                    ? CheckResult.pass(200 + r.nextInt(200), Duration.ofMillis(r.nextInt(50)))
                    : CheckResult.noResponse("error " + k, Duration.ofMillis(r.nextInt(50)));
            history.add(c);
            HealthState prev = st;
            HealthStep step = HealthMachine.step(prev, c, now, s);
            st = step.state();
            String ctx = "seed " + seed + " step " + k + " " + s + " prev " + prev + " check " + c;

            assertThat(st.firstSeen()).as(ctx).isEqualTo(T0);
            assertThat(st.consecutivePasses()).as(ctx).isEqualTo(trailing(history, true));
            assertThat(st.consecutiveFails()).as(ctx).isEqualTo(trailing(history, false));
            assertThat(st.lastFailure()).as(ctx).isEqualTo(lastError(history));
            assertThat(step.transitioned()).as(ctx).isEqualTo(st.phase() != prev.phase());
            if (step.transitioned()) {
                assertThat(step.transition().from()).as(ctx).isEqualTo(prev.phase());
                assertThat(step.transition().to()).as(ctx).isEqualTo(st.phase());
                assertThat(step.transition().at()).as(ctx).isEqualTo(now);
                assertThat(step.transition().reason()).as(ctx).isNotBlank();
                assertThat(st.lastTransition()).as(ctx).isEqualTo(now);
            } else {
                assertThat(st.lastTransition()).as(ctx).isEqualTo(prev.lastTransition());
            }
            // safety: nothing changes without enough evidence
            if (prev.phase() != STARTING) {
                assertThat(st.phase()).as(ctx + ": never starting again").isNotEqualTo(STARTING);
            }
            if (st.phase() == HEALTHY && prev.phase() != HEALTHY) {
                assertThat(trailing(history, true)).as(ctx).isGreaterThanOrEqualTo(s.rise());
            }
            if (st.phase() == UNHEALTHY && prev.phase() != UNHEALTHY) {
                assertThat(trailing(history, false)).as(ctx).isGreaterThanOrEqualTo(s.fall());
                if (prev.phase() == STARTING) {
                    assertThat(now).as(ctx + ": a starter inside its grace is never declared unhealthy")
                            .isAfterOrEqualTo(T0.plus(s.startupGrace()));
                }
            }
            // liveness: enough evidence always changes the phase
            if (c.passed() && trailing(history, true) >= s.rise()) {
                assertThat(st.phase()).as(ctx).isEqualTo(HEALTHY);
            }
            if (!c.passed() && trailing(history, false) >= s.fall() && !prev.inGrace(now, s)) {
                assertThat(st.phase()).as(ctx).isEqualTo(UNHEALTHY);
            }
            assertThat(HealthMachine.step(prev, c, now, s)).as(ctx + ": deterministic").isEqualTo(step);
        }
    }

    /**
     * A healthy instance dies at a random moment between its checks; checks start every interval.
     * A hung one answers nothing until the timeout, a crashed one refuses at once. It must be
     * declared unhealthy within the settings' detection bound, and a crashed one within fall intervals.
     */
    @ParameterizedTest
    @MethodSource("seeds")
    void aDeadInstanceIsDetectedWithinTheBound(long seed) {
        Random r = new Random(seed);
        HealthSettings s = seed % 3 == 0 ? HealthSettings.DEFAULTS : randomSettings(r);
        boolean hung = r.nextBoolean();
        long intervalMs = s.interval().toMillis();
        Instant firstCheck = T0.plusMillis(r.nextInt((int) intervalMs));
        Instant death = T0.plus(s.startupGrace()).plusMillis(intervalMs * (s.rise() + 1) + r.nextInt((int) intervalMs * 3));
        HealthState st = HealthState.starting(T0);
        Instant detected = null;
        for (int k = 0; detected == null && k < 10_000; k++) {
            Instant start = firstCheck.plusMillis(k * intervalMs);
            if (start.isBefore(death)) {
                st = HealthMachine.next(st, CheckResult.pass(200, Duration.ofMillis(1)), start.plusMillis(1), s);
                continue;
            }
            assertThat(st.phase()).as("seed %d: healthy before it dies", seed).isEqualTo(HEALTHY);
            CheckResult c = hung ? CheckResult.timedOut(s.timeout()) : CheckResult.noResponse("connection refused", Duration.ZERO);
            Instant end = start.plus(c.latency());
            HealthStep step = HealthMachine.step(st, c, end, s);
            st = step.state();
            if (step.transitioned()) {
                assertThat(step.transition().to()).isEqualTo(UNHEALTHY);
                detected = end;
            }
        }
        Duration took = Duration.between(death, detected);
        String ctx = "seed " + seed + (hung ? " hung " : " crashed ") + s;
        assertThat(took).as(ctx).isLessThanOrEqualTo(s.detectionBound());
        if (!hung) {
            assertThat(took).as(ctx).isLessThanOrEqualTo(s.interval().multipliedBy(s.fall()));
        }
        if (s.equals(HealthSettings.DEFAULTS)) {
            assertThat(took).as(ctx).isLessThanOrEqualTo(Duration.ofSeconds(hung ? 3 : 2));
        }
    }

    private static int trailing(List<CheckResult> history, boolean passed) {
        int n = 0;
        for (int i = history.size() - 1; i >= 0 && history.get(i).passed() == passed; i--) {
            n++;
        }
        return n;
    }

    private static String lastError(List<CheckResult> history) {
        for (int i = history.size() - 1; i >= 0; i--) {
            if (!history.get(i).passed()) {
                return history.get(i).error();
            }
        }
        return null;
    }
}
