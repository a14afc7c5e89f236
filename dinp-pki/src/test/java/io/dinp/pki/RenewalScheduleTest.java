package io.dinp.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RenewalScheduleTest {
    static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

    @Test
    void renewalIsDueAtTwoThirdsOfTheValidity() {
        assertThat(RenewalSchedule.renewAt(T0, T0.plus(Duration.ofDays(30)))).isEqualTo(T0.plus(Duration.ofDays(20)));
        assertThat(RenewalSchedule.renewAt(T0, T0.plusSeconds(33))).isEqualTo(T0.plusSeconds(22));
    }

    @Test
    void theDelayCountsDownToZeroAndStaysThere() {
        Instant end = T0.plus(Duration.ofDays(30));
        assertThat(RenewalSchedule.delay(T0, end, T0)).isEqualTo(Duration.ofDays(20));
        assertThat(RenewalSchedule.delay(T0, end, T0.plus(Duration.ofDays(19)))).isEqualTo(Duration.ofDays(1));
        assertThat(RenewalSchedule.delay(T0, end, T0.plus(Duration.ofDays(20)))).isZero();
        assertThat(RenewalSchedule.delay(T0, end, T0.plus(Duration.ofDays(40)))).isZero();
    }

    @Test
    void retriesComeOftenNearTheEndAndRarelyFarFromIt() {
        Instant end = T0.plus(Duration.ofDays(10));
        assertThat(RenewalSchedule.retryDelay(end, T0)).isEqualTo(Duration.ofMinutes(5));
        assertThat(RenewalSchedule.retryDelay(end, end.minusSeconds(100))).isEqualTo(Duration.ofSeconds(10));
        assertThat(RenewalSchedule.retryDelay(end, end.minusSeconds(2))).isEqualTo(Duration.ofSeconds(1));
        assertThat(RenewalSchedule.retryDelay(end, end.plusSeconds(60))).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void theLifetimeIsBoundedAndShortOnesAreBackdatedLess() {
        assertThatThrownBy(() -> new CertificatePolicy(Duration.ofSeconds(19))).hasMessageContaining("20s to 397d");
        assertThatThrownBy(() -> new CertificatePolicy(Duration.ofDays(398))).hasMessageContaining("20s to 397d");
        CertificatePolicy shortOne = new CertificatePolicy(Duration.ofSeconds(30));
        assertThat(shortOne.notBefore(T0)).isEqualTo(T0.minusSeconds(3));
        assertThat(CertificatePolicy.DEFAULT.notBefore(T0)).isEqualTo(T0.minusSeconds(60));
        // a certificate issued with the short lifetime is renewed after 19 s, not at once
        assertThat(RenewalSchedule.delay(shortOne.notBefore(T0), shortOne.notAfter(T0), T0)).isEqualTo(Duration.ofSeconds(19));
    }
}
