package io.dinp.routebus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dinp.model.AppTraffic;
import io.dinp.model.RouterTraffic;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class RedisTrafficIT {
    static final RedisEndpoint REDIS = TestRedis.shared();

    static AppTraffic requests(long n) {
        long[] b = new long[AppTraffic.BOUNDS_MICROS.length + 1];
        b[2] = n;
        return new AppTraffic(n, 0, n * 3_000, b);
    }

    @Test
    void dashReadsEveryLiveRoutersCountersAndForgetsAGoneRouter() throws Exception {
        // keys of our own: the shared Redis may carry other clusters' counters
        RedisTrafficKeys keys = RedisTrafficKeys.withPrefix("dinp-it:" + UUID.randomUUID());
        AtomicReference<Map<String, AppTraffic>> r1 = new AtomicReference<>(Map.of("web", requests(5)));
        try (RedisTrafficReader reader = new RedisTrafficReader(REDIS, keys);
             RedisTrafficPublisher stays = new RedisTrafficPublisher(REDIS, keys, "r1", r1::get, Duration.ofSeconds(30))
                     .start(Duration.ofMillis(100))) {
            RedisTrafficPublisher goes = new RedisTrafficPublisher(REDIS, keys, "r2",
                    () -> Map.of("web", requests(7), "api", requests(1)), Duration.ofMillis(500)).start(Duration.ofMillis(100));
            await().atMost(Duration.ofSeconds(10)).until(() -> reader.read().keySet().size() == 2);
            Map<String, RouterTraffic> seen = reader.read();
            assertThat(seen.get("r1").apps()).isEqualTo(Map.of("web", requests(5)));
            assertThat(seen.get("r2").apps()).isEqualTo(Map.of("web", requests(7), "api", requests(1)));
            assertThat(seen.get("r1").at()).isCloseTo(System.currentTimeMillis(), org.assertj.core.data.Offset.offset(60_000L));

            r1.set(Map.of("web", requests(9)));
            await().atMost(Duration.ofSeconds(10)).until(() -> reader.read().get("r1").apps().get("web").requests() == 9);

            goes.close();
            await().atMost(Duration.ofSeconds(10)).until(() -> !reader.read().containsKey("r2"));
            assertThat(reader.read()).containsOnlyKeys("r1");
        }
    }
}
