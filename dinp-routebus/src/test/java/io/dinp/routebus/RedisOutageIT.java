package io.dinp.routebus;

import static io.dinp.routebus.RedisRouteBusIT.table;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dinp.testkit.RedisServerProcess;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Outages are played on a private redis-server child, never on the shared one. */
class RedisOutageIT {

    @Test
    void routersKeepTheirTableThroughAnOutageAndCatchUpAfterIt() throws Exception {
        try (RedisServerProcess redis = new RedisServerProcess()) {
            redis.start();
            MemorySink sink = new MemorySink();
            try (RedisRouteSubscriber subscriber = new RedisRouteSubscriber(redis.uri(), sink).start();
                 RedisRoutePublisher publisher = new RedisRoutePublisher(redis.uri())) {
                await().atMost(Duration.ofSeconds(10)).until(subscriber::connected);
                publisher.publish(table(1, "a"));
                await().atMost(Duration.ofSeconds(10)).until(() -> sink.version() == 1);

                redis.kill();
                await().atMost(Duration.ofSeconds(10)).until(() -> !subscriber.connected());
                publisher.publish(table(2, "a", "b"));
                await().atMost(Duration.ofSeconds(10)).until(publisher::stale);
                assertThat(sink.table()).isEqualTo(table(1, "a"));

                // An empty Redis comes back: the publisher re-sends, the router resyncs.
                redis.start();
                await().atMost(Duration.ofSeconds(20)).until(() -> sink.version() == 2);
                assertThat(sink.table()).isEqualTo(table(2, "a", "b"));
                assertThat(subscriber.connected()).isTrue();
                assertThat(publisher.stale()).isFalse();
            }
        }
    }

    @Test
    void subscriberStartedWhileRedisIsDownConnectsWhenItComes() throws Exception {
        try (RedisServerProcess redis = new RedisServerProcess()) {
            MemorySink sink = new MemorySink();
            try (RedisRouteSubscriber subscriber = new RedisRouteSubscriber(redis.uri(), sink).start();
                 RedisRoutePublisher publisher = new RedisRoutePublisher(redis.uri())) {
                publisher.publish(table(4, "a"));
                assertThat(subscriber.connected()).isFalse();

                redis.start();

                await().atMost(Duration.ofSeconds(20)).until(() -> sink.version() == 4);
                assertThat(subscriber.connected()).isTrue();
            }
        }
    }
}
