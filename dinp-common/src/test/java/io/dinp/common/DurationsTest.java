package io.dinp.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void readsWhatPeopleWrite() {
        assertThat(Durations.parse("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(Durations.parse("10m")).isEqualTo(Duration.ofMinutes(10));
        assertThat(Durations.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(Durations.parse("2D")).isEqualTo(Duration.ofDays(2));
        assertThat(Durations.parse("0")).isZero();
    }

    @Test
    void refusesTheRestSayingWhatWorks() {
        for (String bad : new String[] {"", "10", "1.5h", "-5m", "m", "10 m", "PT1H"}) {
            assertThatThrownBy(() -> Durations.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("30s");
        }
    }

    @Test
    void formatsBackToTheSameDuration() {
        for (String s : new String[] {"1h30m", "2d", "45s", "1d2h3m4s"}) {
            assertThat(Durations.format(Durations.parse(s))).isEqualTo(s);
        }
        assertThat(Durations.format(Duration.ZERO)).isEqualTo("0");
    }
}
