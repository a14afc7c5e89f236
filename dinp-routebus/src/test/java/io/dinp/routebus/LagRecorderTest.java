package io.dinp.routebus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LagRecorderTest {

    @Test
    void emptyRecorderReportsZeros() {
        assertThat(new LagRecorder().summary()).isEqualTo(new LagRecorder.Summary(0, 0, 0, 0));
    }

    @Test
    void percentilesAreWithinBucketPrecision() {
        LagRecorder lag = new LagRecorder();
        for (long v = 1; v <= 10_000; v++) {
            lag.record(v);
        }
        LagRecorder.Summary s = lag.summary();
        assertThat(s.count()).isEqualTo(10_000);
        assertThat(s.maxMicros()).isEqualTo(10_000);
        assertThat((double) s.p50Micros()).isCloseTo(5_000, within(5_000 * 0.07));
        assertThat((double) s.p99Micros()).isCloseTo(9_900, within(9_900 * 0.07));
        assertThat(s.p50Micros()).isGreaterThanOrEqualTo(5_000);
    }

    @Test
    void negativeLagFromClockSkewCountsAsZero() {
        LagRecorder lag = new LagRecorder();
        lag.record(-50);
        assertThat(lag.summary()).isEqualTo(new LagRecorder.Summary(1, 0, 0, 0));
    }

    @Test
    void bucketsCoverTheWholeRangeAndBoundTheirValues() {
        for (long v : new long[] {0, 1, 15, 16, 17, 31, 32, 1000, 123_456_789, Long.MAX_VALUE}) {
            int i = LagRecorder.index(v);
            assertThat(LagRecorder.upperBound(i)).isGreaterThanOrEqualTo(v);
            if (i > 0) {
                assertThat(LagRecorder.upperBound(i - 1)).isLessThan(v);
            }
        }
    }
}
