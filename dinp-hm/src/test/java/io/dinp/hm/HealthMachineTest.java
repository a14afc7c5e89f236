package io.dinp.hm;

import io.dinp.model.HealthSettings;
import static io.dinp.hm.HealthState.Phase.HEALTHY;
import static io.dinp.hm.HealthState.Phase.STARTING;
import static io.dinp.hm.HealthState.Phase.UNHEALTHY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class HealthMachineTest {
    static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    static final CheckResult PASS = CheckResult.pass(200, Duration.ofMillis(2));
    static final CheckResult REFUSED = CheckResult.noResponse("connection refused", Duration.ZERO);
    static final HealthSettings D = HealthSettings.DEFAULTS;

    private static Instant at(long seconds) {
        return T0.plusSeconds(seconds);
    }

    @Test
    void aNewInstanceIsStartingAndNotRoutable() {
        HealthState s = HealthState.starting(T0);
        assertThat(s).isEqualTo(new HealthState(STARTING, 0, 0, T0, T0, null));
        assertThat(s.routable()).isFalse();
        assertThat(s.inGrace(T0, D)).isTrue();
        assertThat(s.inGrace(at(30), D)).isFalse();
    }

    @Test
    void aNewInstanceGetsTrafficAfterItsFirstPass() {
        HealthStep step = HealthMachine.step(HealthState.starting(T0), PASS, at(1), D);
        assertThat(step.state()).isEqualTo(new HealthState(HEALTHY, 1, 0, T0, at(1), null));
        assertThat(step.state().routable()).isTrue();
        assertThat(step.transition()).isEqualTo(new HealthTransition(STARTING, HEALTHY, at(1), "passed its check"));
    }

    @Test
    void withRiseThreeItTakesThreePassesInARow() {
        HealthSettings s = D.withThresholds(3, 2);
        HealthState st = HealthState.starting(T0);
        st = HealthMachine.next(st, PASS, at(1), s);
        st = HealthMachine.next(st, PASS, at(2), s);
        st = HealthMachine.next(st, REFUSED, at(3), s);
        st = HealthMachine.next(st, PASS, at(4), s);
        st = HealthMachine.next(st, PASS, at(5), s);
        assertThat(st.phase()).isEqualTo(STARTING);
        HealthStep step = HealthMachine.step(st, PASS, at(6), s);
        assertThat(step.state().phase()).isEqualTo(HEALTHY);
        assertThat(step.transition().reason()).isEqualTo("passed 3 checks in a row");
        assertThat(step.state().lastFailure()).isEqualTo("connection refused");
    }

    @Test
    void oneFailureDoesNotTakeAHealthyInstanceOut() {
        HealthState healthy = HealthMachine.next(HealthState.starting(T0), PASS, at(1), D);
        HealthStep step = HealthMachine.step(healthy, REFUSED, at(2), D);
        assertThat(step.transitioned()).isFalse();
        assertThat(step.state()).isEqualTo(new HealthState(HEALTHY, 0, 1, T0, at(1), "connection refused"));
        HealthStep recovered = HealthMachine.step(step.state(), PASS, at(3), D);
        assertThat(recovered.transitioned()).isFalse();
        assertThat(recovered.state()).isEqualTo(new HealthState(HEALTHY, 1, 0, T0, at(1), "connection refused"));
    }

    @Test
    void fallFailuresInARowMakeItUnhealthyAndRiseBringsItBack() {
        HealthState st = HealthMachine.next(HealthState.starting(T0), PASS, at(1), D);
        st = HealthMachine.next(st, CheckResult.timedOut(Duration.ofSeconds(1)), at(3), D);
        HealthStep down = HealthMachine.step(st, CheckResult.fail(503, "status 503, expected 200-399", Duration.ofMillis(4)), at(4), D);
        assertThat(down.state()).isEqualTo(new HealthState(UNHEALTHY, 0, 2, T0, at(4), "status 503, expected 200-399"));
        assertThat(down.state().routable()).isFalse();
        assertThat(down.transition()).isEqualTo(new HealthTransition(HEALTHY, UNHEALTHY, at(4),
                "failed 2 checks in a row, last: status 503, expected 200-399"));

        HealthStep still = HealthMachine.step(down.state(), REFUSED, at(5), D);
        assertThat(still.transitioned()).isFalse();
        assertThat(still.state().consecutiveFails()).isEqualTo(3);
        assertThat(still.state().lastTransition()).isEqualTo(at(4));

        HealthStep up = HealthMachine.step(still.state(), PASS, at(6), D);
        assertThat(up.transition()).isEqualTo(new HealthTransition(UNHEALTHY, HEALTHY, at(6), "passed its check"));
        assertThat(up.state().lastTransition()).isEqualTo(at(6));
    }

    @Test
    void fallOneReportsASingleFailure() {
        HealthSettings s = D.withThresholds(1, 1);
        HealthState healthy = HealthMachine.next(HealthState.starting(T0), PASS, at(1), s);
        assertThat(HealthMachine.step(healthy, REFUSED, at(2), s).transition().reason())
                .isEqualTo("failed its check, last: connection refused");
    }

    @Test
    void aSlowStarterIsNeverUnhealthyInsideItsGrace() {
        HealthState st = HealthState.starting(T0);
        for (int t = 0; t < 30; t++) {
            HealthStep step = HealthMachine.step(st, REFUSED, at(t), D);
            assertThat(step.transitioned()).as("t=%d", t).isFalse();
            st = step.state();
        }
        assertThat(st).isEqualTo(new HealthState(STARTING, 0, 30, T0, T0, "connection refused"));
        HealthStep ready = HealthMachine.step(st, PASS, at(29).plusMillis(999), D);
        assertThat(ready.state().phase()).isEqualTo(HEALTHY);
    }

    @Test
    void afterTheGraceFailuresCountedDuringItMakeAStarterUnhealthy() {
        HealthState st = HealthState.starting(T0);
        st = HealthMachine.next(st, REFUSED, at(28), D);
        st = HealthMachine.next(st, REFUSED, at(29), D);
        HealthStep step = HealthMachine.step(st, REFUSED, at(30), D);
        assertThat(step.state()).isEqualTo(new HealthState(UNHEALTHY, 0, 3, T0, at(30), "connection refused"));
        assertThat(step.transition()).isEqualTo(new HealthTransition(STARTING, UNHEALTHY, at(30),
                "did not become healthy within its 30 s start-up grace; failed 3 checks in a row, last: connection refused"));
    }

    @Test
    void afterTheGraceAStarterStillNeedsFallFailuresInARow() {
        // a pass resets the count: one failure after it is not enough
        HealthSettings rise2 = D.withThresholds(2, 2);
        HealthState s2 = HealthMachine.next(HealthState.starting(T0), REFUSED, at(40), rise2);
        s2 = HealthMachine.next(s2, PASS, at(41), rise2);
        s2 = HealthMachine.next(s2, REFUSED, at(42), rise2);
        assertThat(s2.phase()).isEqualTo(STARTING);
        assertThat(s2.consecutiveFails()).isEqualTo(1);
        assertThat(HealthMachine.next(s2, REFUSED, at(43), rise2).phase()).isEqualTo(UNHEALTHY);
    }

    @Test
    void withoutGraceAStarterFailsLikeAnyOther() {
        HealthSettings s = D.withStartupGrace(Duration.ZERO);
        HealthState st = HealthMachine.next(HealthState.starting(T0), REFUSED, T0, s);
        assertThat(st.phase()).isEqualTo(STARTING);
        assertThat(HealthMachine.next(st, REFUSED, T0.plusSeconds(1), s).phase()).isEqualTo(UNHEALTHY);
    }

    @Test
    void theGraceProtectsOnlyStartersNotAnInstanceThatWasUp() {
        HealthState st = HealthMachine.next(HealthState.starting(T0), PASS, at(1), D);
        st = HealthMachine.next(st, REFUSED, at(2), D);
        assertThat(HealthMachine.next(st, REFUSED, at(3), D).phase()).isEqualTo(UNHEALTHY);
    }

    @Test
    void countersSaturateInsteadOfOverflowing() {
        HealthState st = new HealthState(HEALTHY, Integer.MAX_VALUE, 0, T0, T0, null);
        assertThat(HealthMachine.next(st, PASS, at(1), D).consecutivePasses()).isEqualTo(Integer.MAX_VALUE);
        HealthState down = new HealthState(UNHEALTHY, 0, Integer.MAX_VALUE, T0, T0, "x");
        assertThat(HealthMachine.next(down, REFUSED, at(1), D).consecutiveFails()).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void aStateRecordsWhetherTheLastCheckPassedOrFailed() {
        assertThatThrownBy(() -> new HealthState(HEALTHY, 1, 1, T0, T0, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HealthState(HEALTHY, -1, 0, T0, T0, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HealthState(null, 0, 0, T0, T0, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new HealthState(HEALTHY, 0, 0, null, T0, null)).isInstanceOf(NullPointerException.class);
    }
}
