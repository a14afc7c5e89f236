package io.dinp.dash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dinp.common.http.ApiException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LogApiTest {
    static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");

    @Test
    void sinceIsADurationBackFromNowOrAnInstant() {
        assertThat(LogApi.since("10m", NOW)).isEqualTo(Instant.parse("2026-12-04T11:50:00Z"));
        assertThat(LogApi.since("1h30m", NOW)).isEqualTo(Instant.parse("2026-12-04T10:30:00Z"));
        assertThat(LogApi.since("2026-12-04T11:00:00Z", NOW)).isEqualTo(Instant.parse("2026-12-04T11:00:00Z"));
        assertThat(LogApi.since(null, NOW)).isNull();
        assertThatThrownBy(() -> LogApi.since("yesterday", NOW)).isInstanceOf(ApiException.class)
                .hasMessageStartingWith("since: must be a duration back from now");
    }
}
