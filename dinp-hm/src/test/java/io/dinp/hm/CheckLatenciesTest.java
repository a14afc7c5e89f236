package io.dinp.hm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CheckLatenciesTest {
    @Test
    void everyLatencyFallsInABucketWithin12AndAHalfPercent() {
        int last = -1;
        for (long micros = 0; micros < 5_000_000; micros += 1 + micros / 97) {
            int b = CheckLatencies.bucket(micros);
            assertThat(b).isBetween(last, CheckLatencies.BUCKETS - 1);
            last = b;
            long upper = CheckLatencies.upperMicros(b);
            assertThat(upper).isGreaterThanOrEqualTo(micros);
            assertThat(upper).isLessThanOrEqualTo(micros + micros / 8);
        }
    }

    @Test
    void theBucketsCoverTheirRangeWithoutGaps() {
        for (int b = 1; b < CheckLatencies.BUCKETS; b++) {
            long lower = CheckLatencies.upperMicros(b - 1) + 1;
            assertThat(CheckLatencies.bucket(lower)).isEqualTo(b);
            assertThat(CheckLatencies.bucket(CheckLatencies.upperMicros(b))).isEqualTo(b);
        }
        assertThat(CheckLatencies.bucket(-5)).isZero();
        assertThat(CheckLatencies.bucket(Long.MAX_VALUE)).isEqualTo(CheckLatencies.BUCKETS - 1);
    }

    @Test
    void quantilesOfAWindow() {
        LatencyRecorder r = new LatencyRecorder();
        r.record(Duration.ofSeconds(9));
        CheckLatencies before = r.snapshot();
        for (int i = 1; i <= 100; i++) {
            r.record(Duration.ofMillis(i));
        }
        CheckLatencies window = r.snapshot().minus(before);

        assertThat(window.count()).isEqualTo(100);
        assertThat(window.quantile(0.5)).isBetween(Duration.ofMillis(50), Duration.ofMillis(57));
        assertThat(window.quantile(0.99)).isBetween(Duration.ofMillis(99), Duration.ofMillis(112));
        assertThat(window.quantile(1)).isBetween(Duration.ofMillis(100), Duration.ofMillis(113));
        assertThat(r.snapshot().quantile(1)).isGreaterThanOrEqualTo(Duration.ofSeconds(9));
    }

    @Test
    void noChecksNoLatency() {
        assertThat(new LatencyRecorder().snapshot().quantile(0.99)).isEqualTo(Duration.ZERO);
        assertThatThrownBy(() -> new LatencyRecorder().snapshot().quantile(1.5)).isInstanceOf(IllegalArgumentException.class);
    }
}
