package io.dinp.hm;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class HmMetricsTest {
    @Test
    void aPassIsUpATimeoutIsTimeoutAnyOtherFailureIsDown() {
        assertThat(HmMetrics.result(CheckResult.pass(200, Duration.ofMillis(3)))).isEqualTo("up");
        assertThat(HmMetrics.result(CheckResult.timedOut(Duration.ofSeconds(2)))).isEqualTo("timeout");
        assertThat(HmMetrics.result(CheckResult.fail(500, "status 500", Duration.ofMillis(3)))).isEqualTo("down");
        assertThat(HmMetrics.result(CheckResult.noResponse("connection refused", Duration.ofMillis(1)))).isEqualTo("down");
        // a response that says the same words is still an answer, not a timeout
        assertThat(HmMetrics.result(CheckResult.fail(503, "no response within 1s upstream", Duration.ofMillis(1))))
                .isEqualTo("down");
    }

    @Test
    void checksAreCountedByResultWithTheirLatency() {
        SimpleMeterRegistry r = new SimpleMeterRegistry();
        HmMetrics m = new HmMetrics(r);
        m.checked(CheckResult.pass(200, Duration.ofMillis(3)));
        m.checked(CheckResult.pass(200, Duration.ofMillis(5)));
        m.checked(CheckResult.timedOut(Duration.ofSeconds(1)));
        assertThat(r.get("dinp.hm.checks").tag("result", "up").counter().count()).isEqualTo(2);
        assertThat(r.get("dinp.hm.checks").tag("result", "timeout").counter().count()).isEqualTo(1);
        assertThat(r.get("dinp.hm.checks").tag("result", "down").counter().count()).isZero();
        assertThat(r.get("dinp.hm.check").timer().count()).isEqualTo(3);
        assertThat(r.get("dinp.hm.check").timer().totalTime(java.util.concurrent.TimeUnit.MILLISECONDS)).isEqualTo(1008);
    }
}
