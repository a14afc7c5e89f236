package io.dinp.hm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class BackoffTest {
    static final Duration S1 = Duration.ofSeconds(1);
    static final Duration CAP = Duration.ofSeconds(60);

    @ParameterizedTest
    @CsvSource({"0, 0", "1, 1", "2, 2", "3, 4", "4, 8", "5, 16", "6, 32", "7, 60", "8, 60", "100, 60", "2147483647, 60"})
    void doublesFromTheBaseUpToTheCap(int restarts, long seconds) {
        assertThat(Backoff.delay(restarts, S1, CAP)).isEqualTo(Duration.ofSeconds(seconds));
    }

    @Test
    void aBaseAboveTheCapGivesTheCap() {
        assertThat(Backoff.delay(1, Duration.ofMinutes(5), CAP)).isEqualTo(CAP);
    }

    @Test
    void hugeValuesDoNotOverflow() {
        Duration huge = Duration.ofSeconds(Long.MAX_VALUE / 4);
        assertThat(Backoff.delay(40, huge, Duration.ofSeconds(Long.MAX_VALUE))).isEqualTo(Duration.ofSeconds(Long.MAX_VALUE));
        assertThat(Backoff.delay(63, Duration.ofNanos(1), Duration.ofSeconds(Long.MAX_VALUE)))
                .isEqualTo(Duration.ofNanos(1L << 62));
    }

    @Test
    void zeroBaseMeansNoWait() {
        assertThat(Backoff.delay(10, Duration.ZERO, CAP)).isZero();
    }

    @Test
    void rejectsNegativeInputs() {
        assertThatThrownBy(() -> Backoff.delay(-1, S1, CAP)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Backoff.delay(1, S1.negated(), CAP)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Backoff.delay(1, S1, CAP.negated())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Backoff.delay(1, null, CAP)).isInstanceOf(NullPointerException.class);
    }

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 200);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void growsMonotonicallyAndNeverExceedsTheCap(long seed) {
        Random r = new Random(seed);
        Duration base = Duration.ofMillis(r.nextInt(5000));
        Duration cap = Duration.ofMillis(r.nextInt(600_000));
        Duration prev = Duration.ZERO;
        for (int n = 0; n < 80; n++) {
            Duration d = Backoff.delay(n, base, cap);
            assertThat(d).as("seed %d n %d", seed, n).isGreaterThanOrEqualTo(prev).isLessThanOrEqualTo(cap);
            if (n >= 2 && prev.multipliedBy(2).compareTo(cap) <= 0) {
                assertThat(d).as("seed %d n %d doubles", seed, n).isEqualTo(prev.multipliedBy(2));
            }
            prev = d;
        }
    }

    @Test
    void statusReadsLikeTheIssueSays() {
        assertThat(Backoff.status(5, 1, Duration.ofSeconds(40))).isEqualTo("crashing: 5 restarts, last exit 1, next try in 40 s");
    }

    @Test
    void statusRoundsTheWaitUpAndSaysWhenItIsDue() {
        assertThat(Backoff.status(1, 137, Duration.ofMillis(39_200))).isEqualTo("crashing: 1 restart, last exit 137, next try in 40 s");
        assertThat(Backoff.status(2, 0, Duration.ofMillis(1))).isEqualTo("crashing: 2 restarts, last exit 0, next try in 1 s");
        assertThat(Backoff.status(0, 1, Duration.ZERO)).isEqualTo("crashing: 0 restarts, last exit 1, restarting now");
        assertThat(Backoff.status(3, 1, Duration.ofSeconds(-2))).isEqualTo("crashing: 3 restarts, last exit 1, restarting now");
    }
}
