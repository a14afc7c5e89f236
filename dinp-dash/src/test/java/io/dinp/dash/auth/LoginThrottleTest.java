package io.dinp.dash.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
    static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
    final LoginThrottle throttle = new LoginThrottle(3, Duration.ofSeconds(30), Duration.ofMinutes(15), 100);

    @Test
    void theFirstFailuresAreFreeThenLocksDouble() {
        assertThat(throttle.failed("alice", "10.0.0.1", T0)).isEqualTo(1);
        throttle.failed("alice", "10.0.0.1", T0);
        assertThat(throttle.blocked("alice", "10.0.0.1", T0)).isEmpty();
        throttle.failed("alice", "10.0.0.1", T0);
        assertThat(throttle.blocked("alice", "10.0.0.1", T0)).contains(Duration.ofSeconds(1));
        assertThat(throttle.blocked("alice", "10.0.0.1", T0.plusSeconds(1))).isEmpty();
        throttle.failed("alice", "10.0.0.1", T0.plusSeconds(1));
        assertThat(throttle.blocked("alice", "10.0.0.1", T0.plusSeconds(1))).contains(Duration.ofSeconds(2));
        throttle.failed("alice", "10.0.0.1", T0.plusSeconds(3));
        assertThat(throttle.blocked("alice", "10.0.0.1", T0.plusSeconds(3))).contains(Duration.ofSeconds(4));
    }

    @Test
    void locksStopAtTheMaximum() {
        Instant t = T0;
        for (int i = 0; i < 20; i++) {
            throttle.failed("alice", "10.0.0.1", t);
        }
        assertThat(throttle.blocked("alice", "10.0.0.1", t)).contains(Duration.ofSeconds(30));
    }

    @Test
    void eachUserAndAddressPairCountsAlone() {
        for (int i = 0; i < 3; i++) {
            throttle.failed("alice", "10.0.0.1", T0);
        }
        assertThat(throttle.blocked("alice", "10.0.0.1", T0)).isPresent();
        assertThat(throttle.blocked("alice", "10.0.0.2", T0)).isEmpty();
        assertThat(throttle.blocked("bob", "10.0.0.1", T0)).isEmpty();
    }

    @Test
    void successAndQuietTimeClearTheCount() {
        for (int i = 0; i < 3; i++) {
            throttle.failed("alice", "10.0.0.1", T0);
        }
        throttle.succeeded("alice", "10.0.0.1");
        assertThat(throttle.failed("alice", "10.0.0.1", T0)).isEqualTo(1);
        throttle.failed("alice", "10.0.0.1", T0);
        assertThat(throttle.failed("alice", "10.0.0.1", T0.plus(Duration.ofMinutes(16)))).isEqualTo(1);
    }

    @Test
    void memoryIsBounded() {
        LoginThrottle small = new LoginThrottle(1, Duration.ofSeconds(30), Duration.ofMinutes(15), 2);
        small.failed("a", "x", T0);
        small.failed("b", "x", T0);
        small.failed("c", "x", T0);
        assertThat(small.blocked("a", "x", T0)).isEmpty();
        assertThat(small.blocked("c", "x", T0)).isPresent();
    }

    @Test
    void throttlesSharingRecordsKeepTheirOwnCounts() {
        LoginThrottle.Records shared = LoginThrottle.Records.inMemory(100);
        LoginThrottle perName = new LoginThrottle(shared);
        LoginThrottle perAddress = LoginThrottle.perAddress(shared);
        for (int i = 0; i < 5; i++) {
            perName.failed("*", "10.0.0.1", T0);
        }
        assertThat(perName.blocked("*", "10.0.0.1", T0)).isPresent();
        assertThat(perAddress.blocked("*", "10.0.0.1", T0)).as("a name '*' is not the per-address key").isEmpty();
        assertThat(perAddress.failed("*", "10.0.0.1", T0)).isEqualTo(1);
    }

    @Test
    void aFailureNeverShortensALockAnotherCopyStarted() {
        LoginThrottle.Failures locked = new LoginThrottle.Failures(8, T0, T0.plusSeconds(25));
        // the 9th failure would lock for 16 s (3 free in this throttle: 2^(9-3)... capped at 30 s), counted late
        LoginThrottle.Failures next = throttle.next(locked, T0.plusSeconds(1));
        assertThat(next.count()).isEqualTo(9);
        assertThat(next.lockedUntil()).isEqualTo(T0.plusSeconds(31));
        LoginThrottle.Failures early = throttle.next(new LoginThrottle.Failures(3, T0, T0.plusSeconds(25)), T0);
        assertThat(early.lockedUntil()).as("the 4th failure's 2 s lock does not cut a 25 s one").isEqualTo(T0.plusSeconds(25));
        assertThat(throttle.next(null, T0)).isEqualTo(new LoginThrottle.Failures(1, T0, null));
    }
}
