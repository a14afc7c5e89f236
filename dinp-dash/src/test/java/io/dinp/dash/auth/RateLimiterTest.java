package io.dinp.dash.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
    static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
    final RateLimiter limit = new RateLimiter(3, Duration.ofSeconds(10), 100);

    @Test
    void aBurstThenOneEveryInterval() {
        for (int i = 0; i < 3; i++) {
            assertThat(limit.take("alice", T0)).isEmpty();
        }
        assertThat(limit.take("alice", T0)).contains(Duration.ofSeconds(10));
        assertThat(limit.take("alice", T0.plusSeconds(4))).contains(Duration.ofSeconds(6));
        assertThat(limit.take("alice", T0.plusSeconds(10))).isEmpty();
        assertThat(limit.take("alice", T0.plusSeconds(10))).isPresent();
    }

    @Test
    void eachKeyHasItsOwnBucketAndQuietTimeRefillsItToTheBurstOnly() {
        for (int i = 0; i < 3; i++) {
            limit.take("alice", T0);
        }
        assertThat(limit.take("bob", T0)).isEmpty();
        Instant later = T0.plus(Duration.ofHours(1));
        for (int i = 0; i < 3; i++) {
            assertThat(limit.take("alice", later)).isEmpty();
        }
        assertThat(limit.take("alice", later)).isPresent();
    }

    @Test
    void ipv6AddressesCountByTheirSlash64() {
        assertThat(AddressKey.of("10.0.0.7")).isEqualTo("10.0.0.7");
        assertThat(AddressKey.of("2001:db8:1:2:aaaa::1")).isEqualTo(AddressKey.of("2001:db8:1:2:bbbb::9"))
                .isNotEqualTo(AddressKey.of("2001:db8:1:3::1"));
        assertThat(AddressKey.of("[2001:db8:1:2::1]")).isEqualTo(AddressKey.of("2001:db8:1:2::5"));
        assertThat(AddressKey.of("::ffff:10.0.0.7")).isEqualTo("10.0.0.7");
    }
}
