package io.dinp.routebus;

import io.dinp.common.Json;
import io.dinp.model.AppTraffic;
import io.dinp.model.RouterTraffic;
import io.lettuce.core.RedisClient;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A router's per-app request counters, written to Redis every period for the dashboards to read
 * ({@link RedisTrafficReader}): one small JSON value per router that expires unless renewed. The
 * counters only grow; dash turns two readings into rates. While Redis is away nothing is sent and
 * nothing piles up: the next reading carries everything.
 */
public final class RedisTrafficPublisher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RedisTrafficPublisher.class);

    private final RedisEndpoint endpoint;
    private final RedisClient client;
    private final RedisTrafficKeys keys;
    private final String router;
    private final Supplier<Map<String, AppTraffic>> counters;
    private final Duration ttl;
    private final ScheduledExecutorService timer;
    private StatefulRedisConnection<String, String> connection; // timer thread only
    private boolean failing; // timer thread only

    /**
     * @param router   an id of this router process, new at every start (its counters start from zero)
     * @param ttl      how long a reading stays when no newer one comes; a few periods
     */
    public RedisTrafficPublisher(RedisEndpoint endpoint, RedisTrafficKeys keys, String router,
                                 Supplier<Map<String, AppTraffic>> counters, Duration ttl) {
        this.endpoint = endpoint;
        this.client = RedisConnections.client(endpoint);
        this.keys = keys;
        this.router = router;
        this.counters = counters;
        this.ttl = ttl;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "dinp-traffic-publisher");
            t.setDaemon(true);
            return t;
        });
    }

    public RedisTrafficPublisher start(Duration period) {
        timer.scheduleWithFixedDelay(this::publishSafely, 0, period.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    private void publishSafely() {
        try {
            publish();
            if (failing) {
                log.info("traffic counters reach Redis again");
                failing = false;
            }
        } catch (RuntimeException e) {
            if (!failing) {
                log.warn("cannot write the traffic counters to Redis (dashboards show a gap meanwhile): {}", RedisFailure.of(endpoint, e).message());
                failing = true;
            }
        }
    }

    void publish() {
        if (connection == null) {
            connection = client.connect(StringCodec.UTF8);
        }
        var redis = connection.sync();
        redis.set(keys.of(router), Json.write(RouterTraffic.now(counters.get())), SetArgs.Builder.px(ttl.toMillis()));
        redis.zadd(keys.routers(), System.currentTimeMillis(), router);
    }

    @Override
    public void close() {
        // a write under way finishes (it takes milliseconds); no further one starts
        timer.shutdown();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (connection != null) {
            connection.close();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
