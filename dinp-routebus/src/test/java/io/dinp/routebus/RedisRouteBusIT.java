package io.dinp.routebus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dinp.common.Json;
import io.dinp.model.Backend;
import io.dinp.model.RouteChange;
import io.dinp.model.RouteTable;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RedisRouteBusIT {
    static final RedisEndpoint REDIS = TestRedis.shared();

    // A key prefix of our own: the shared Redis may carry other clusters' routes.
    private final RedisRouteKeys keys = RedisRouteKeys.withPrefix("dinp-it:" + UUID.randomUUID());
    private final List<AutoCloseable> closeables = new ArrayList<>();

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable c : closeables.reversed()) {
            c.close();
        }
        try (RedisClient client = TestRedis.client();
             StatefulRedisConnection<String, String> c = client.connect()) {
            c.sync().del(keys.snapshot(), keys.fence());
        }
    }

    static RouteTable table(long version, String... apps) {
        Map<String, List<Backend>> m = new java.util.TreeMap<>();
        for (String app : apps) {
            m.put(app, List.of(new Backend(app + "-" + version, "10.0.0.1", (int) (30000 + version))));
        }
        return new RouteTable(version, m);
    }

    private <T extends AutoCloseable> T closeLater(T c) {
        closeables.add(c);
        return c;
    }

    private RedisRouteSubscriber subscriber(MemorySink sink) {
        RedisRouteSubscriber s = closeLater(new RedisRouteSubscriber(REDIS, sink, keys)).start();
        await().atMost(Duration.ofSeconds(10)).until(s::connected);
        return s;
    }

    @Test
    void publishedChangesReachEverySubscriber() {
        MemorySink one = new MemorySink();
        MemorySink two = new MemorySink();
        RedisRouteSubscriber first = subscriber(one);
        subscriber(two);
        RedisRoutePublisher publisher = closeLater(new RedisRoutePublisher(REDIS, keys));

        publisher.publish(table(1, "a"));
        publisher.publish(table(2, "a", "b"));

        await().atMost(Duration.ofSeconds(10)).until(() -> one.version() == 2 && two.version() == 2);
        assertThat(one.table()).isEqualTo(table(2, "a", "b"));
        assertThat(two.table()).isEqualTo(table(2, "a", "b"));
        assertThat(first.lastSync()).isNotNull();
        assertThat(first.lag().summary().count()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void aDeposedLeadersTableIsRefusedAndANewLeaderGoesOnAboveTheOldVersions() {
        MemorySink sink = new MemorySink();
        subscriber(sink);
        RedisRoutePublisher old = closeLater(new RedisRoutePublisher(REDIS, keys, "cluster-a"));
        RedisRoutePublisher next = closeLater(new RedisRoutePublisher(REDIS, keys, "cluster-a"));

        old.publish(table(100, "a"), io.dinp.common.Micros.now(), 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.version() == 100);
        // the new leader's clock is behind: its first table is renumbered above what routers hold
        next.publish(table(50, "a", "b"), io.dinp.common.Micros.now(), 2);
        await().atMost(Duration.ofSeconds(10)).until(() -> next.publishedVersion() == 101);
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.version() == 101);
        assertThat(sink.table().apps()).containsOnlyKeys("a", "b");

        old.publish(table(500, "stale"), io.dinp.common.Micros.now(), 1);
        await().atMost(Duration.ofSeconds(10)).until(old::deposed);
        next.publish(table(51, "a", "b", "c"), io.dinp.common.Micros.now(), 2);
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.version() == 102);
        assertThat(sink.table().apps()).containsOnlyKeys("a", "b", "c");
        assertThat(old.publishedVersion()).isEqualTo(100);

        // another cluster given the same keys is not fenced by this one's terms
        RedisRoutePublisher other = closeLater(new RedisRoutePublisher(REDIS, keys, "cluster-b"));
        other.publish(table(200, "x"), io.dinp.common.Micros.now(), 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.version() == 200);
        assertThat(other.deposed()).isFalse();
    }

    @Test
    void lateSubscriberGetsTheWholeTableAtOnce() {
        RedisRoutePublisher publisher = closeLater(new RedisRoutePublisher(REDIS, keys));
        publisher.publish(table(7, "a", "b", "c"));
        await().atMost(Duration.ofSeconds(10)).until(() -> publisher.publishedVersion() == 7);

        MemorySink sink = new MemorySink();
        subscriber(sink);

        await().atMost(Duration.ofSeconds(10)).until(() -> sink.version() == 7);
        assertThat(sink.table()).isEqualTo(table(7, "a", "b", "c"));
        assertThat(sink.replaces).hasValue(1);
    }

    @Test
    void missedVersionIsRecoveredFromTheSnapshot() {
        MemorySink sink = new MemorySink();
        subscriber(sink);
        RedisRoutePublisher publisher = closeLater(new RedisRoutePublisher(REDIS, keys));
        publisher.publish(table(1, "a"));
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.version() == 1);
        int replacesBefore = sink.replaces.get();

        // As if the message for version 2 had been lost: snapshot at 3, change from 2 to 3.
        try (RedisClient client = TestRedis.client();
             StatefulRedisConnection<String, String> c = client.connect()) {
            c.sync().set(keys.snapshot(), Json.write(table(3, "a", "b")));
            c.sync().publish(keys.changes(), Json.write(RouteChange.between(table(2, "a"), table(3, "a", "b"), 0)));
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> sink.version() == 3);
        assertThat(sink.table()).isEqualTo(table(3, "a", "b"));
        assertThat(sink.replaces).hasValue(replacesBefore + 1);
    }
}
