package io.dinp.hm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CheckResultTest {
    private static final Duration MS = Duration.ofMillis(3);

    @Test
    void factoriesFillTheRightFields() {
        assertThat(CheckResult.pass(204, MS)).isEqualTo(new CheckResult(true, 204, null, MS));
        assertThat(CheckResult.fail(503, "status 503", MS)).isEqualTo(new CheckResult(false, 503, "status 503", MS));
        assertThat(CheckResult.noResponse("connection refused", Duration.ZERO))
                .isEqualTo(new CheckResult(false, null, "connection refused", Duration.ZERO));
        assertThat(CheckResult.timedOut(Duration.ofSeconds(1)))
                .isEqualTo(new CheckResult(false, null, "no response within 1 s", Duration.ofSeconds(1)));
    }

    @Test
    void aPassHasAStatusAndNoError() {
        assertThatThrownBy(() -> new CheckResult(true, null, null, MS)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CheckResult(true, 200, "x", MS)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aFailureSaysWhy() {
        assertThatThrownBy(() -> CheckResult.noResponse(null, MS)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CheckResult.fail(500, " ", MS)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void latencyIsRequiredAndNotNegative() {
        assertThatThrownBy(() -> CheckResult.pass(200, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> CheckResult.pass(200, Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class);
    }
}
