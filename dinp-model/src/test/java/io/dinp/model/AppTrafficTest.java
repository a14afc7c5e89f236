package io.dinp.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class AppTrafficTest {
    static AppTraffic of(long errors, long... micros) {
        long[] b = new long[AppTraffic.BOUNDS_MICROS.length + 1];
        long sum = 0;
        for (long m : micros) {
            b[AppTraffic.bucketOf(m)]++;
            sum += m;
        }
        return new AppTraffic(micros.length, errors, sum, b);
    }

    @Test
    void durationsFallInTheBucketOfTheirUpperBound() {
        assertThat(AppTraffic.bucketOf(0)).isEqualTo(0);
        assertThat(AppTraffic.bucketOf(1_000)).isEqualTo(0);
        assertThat(AppTraffic.bucketOf(1_001)).isEqualTo(1);
        assertThat(AppTraffic.bucketOf(10_000_000)).isEqualTo(AppTraffic.BOUNDS_MICROS.length - 1);
        assertThat(AppTraffic.bucketOf(60_000_000)).isEqualTo(AppTraffic.BOUNDS_MICROS.length);
    }

    @Test
    void theTrafficBetweenTwoSnapshotsIsTheirDifference() {
        AppTraffic before = of(1, 500, 3_000);
        AppTraffic after = before.plus(of(2, 20_000, 20_000, 40_000));
        AppTraffic between = after.since(before);
        assertThat(between).isEqualTo(of(2, 20_000, 20_000, 40_000));
        assertThat(between.meanMillis()).isCloseTo(26.667, within(0.001));
    }

    @Test
    void countersThatWentDownWereRestartedSoEverythingIsNew() {
        AppTraffic before = of(0, 500, 500, 500);
        AppTraffic restarted = of(0, 700);
        assertThat(restarted.since(before)).isEqualTo(restarted);
        assertThat(restarted.since(null)).isEqualTo(restarted);
    }

    @Test
    void quantilesInterpolateInsideTheirBucket() {
        // 100 requests between 10 and 25 ms: the median is about half-way
        long[] micros = new long[100];
        java.util.Arrays.fill(micros, 20_000);
        AppTraffic t = of(0, micros);
        assertThat(t.quantileMillis(0.5)).isCloseTo(17.5, within(0.01));
        assertThat(t.quantileMillis(0.99)).isCloseTo(24.85, within(0.01));
        assertThat(AppTraffic.NONE.quantileMillis(0.99)).isZero();
        assertThat(of(0, 30_000_000).quantileMillis(0.5)).isEqualTo(10_000.0);
    }

    @Test
    void aFewSlowRequestsShowInTheHighQuantileOnly() {
        long[] micros = new long[100];
        java.util.Arrays.fill(micros, 800);
        micros[99] = 400_000;
        AppTraffic t = of(0, micros);
        assertThat(t.quantileMillis(0.5)).isLessThan(1.0);
        assertThat(t.quantileMillis(0.995)).isBetween(250.0, 500.0);
    }
}
