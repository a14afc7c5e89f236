package io.dinp.routebus;

import io.dinp.common.Json;
import io.dinp.model.RouteChange;
import io.dinp.model.RouteTable;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a router's {@link RouteSink} in step with the route table published in Redis: subscribes
 * to the change channel and reads the snapshot on every (re)subscription and whenever a change
 * does not follow the version held. While Redis is away the sink keeps its last table.
 */
public final class RedisRouteSubscriber implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RedisRouteSubscriber.class);
    private static final long MAX_BACKOFF_MILLIS = 5_000;

    private final RedisEndpoint endpoint;
    private final ClientResources resources;
    private final RedisClient client;
    private final RedisRouteKeys keys;
    private final LagRecorder lag = new LagRecorder();
    private final RouteFeed feed;
    // Lettuce calls listeners on its I/O threads, which must not block on a GET; all feed work
    // runs here, one task at a time and in arrival order.
    private final ScheduledExecutorService worker;
    private volatile StatefulRedisPubSubConnection<String, String> pubsub;
    private volatile StatefulRedisConnection<String, String> commands;
    private volatile boolean subscribed;
    private volatile boolean closed;
    private long backoffMillis = 100; // worker thread only
    private boolean resyncScheduled; // worker thread only
    /** Open once the snapshot was first read (a table, or none published yet). */
    private final java.util.concurrent.CountDownLatch firstRead = new java.util.concurrent.CountDownLatch(1);

    /** A subscriber to a Redis without password or TLS, e.g. on loopback in tests and benchmarks. */
    public RedisRouteSubscriber(String redisUri, RouteSink sink) {
        this(RedisEndpoint.of(redisUri), sink, RedisRouteKeys.DEFAULT);
    }

    public RedisRouteSubscriber(RedisEndpoint endpoint, RouteSink sink) {
        this(endpoint, sink, RedisRouteKeys.DEFAULT);
    }

    public RedisRouteSubscriber(RedisEndpoint endpoint, RouteSink sink, RedisRouteKeys keys) {
        this.endpoint = endpoint;
        this.keys = keys;
        // Lettuce backs off up to 30 s between reconnects by default; a router should notice a
        // returning Redis within seconds.
        this.resources = DefaultClientResources.builder()
                .reconnectDelay(Delay.exponential(Duration.ofMillis(50), Duration.ofSeconds(2), 2, TimeUnit.MILLISECONDS))
                .build();
        this.client = RedisConnections.client(resources, endpoint);
        client.addListener(new RedisConnectionStateListener() {
            @Override
            public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
                if (connection == pubsub && !closed) {
                    subscribed = false;
                    log.warn("lost Redis route channel; serving the table at version {} until it is back",
                            sink.version());
                }
            }
        });
        this.feed = new RouteFeed(sink, this::readSnapshot, lag, Clock.systemUTC());
        this.worker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "dinp-route-subscriber");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts connecting in the background; returns at once even when Redis is down. */
    public RedisRouteSubscriber start() {
        worker.execute(this::connect);
        return this;
    }

    /** True while subscribed to the change channel. */
    public boolean connected() {
        StatefulRedisPubSubConnection<String, String> c = pubsub;
        return subscribed && c != null && c.isOpen();
    }

    /**
     * Waits until the route snapshot was first read from Redis (the table it holds, or none when
     * nothing was published yet), at most {@code limit}.
     *
     * @return false when Redis did not answer in time
     */
    public boolean awaitFirstRead(Duration limit) throws InterruptedException {
        return firstRead.await(limit.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** When the table was last brought up to date from Redis, or null if never. */
    public Instant lastSync() {
        return feed.lastSync();
    }

    /** Publish-to-apply lag of every change received. */
    public LagRecorder lag() {
        return lag;
    }

    private void connect() {
        try {
            StatefulRedisPubSubConnection<String, String> ps = client.connectPubSub(StringCodec.UTF8);
            pubsub = ps;
            ps.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void subscribed(String channel, long count) {
                    // Also called when Lettuce resubscribes after a reconnect: changes may have
                    // been missed meanwhile, so always start again from the snapshot.
                    subscribed = true;
                    submit(() -> resync(Long.MIN_VALUE));
                }

                @Override
                public void message(String channel, String message) {
                    submit(() -> onMessage(message));
                }
            });
            commands = client.connect(StringCodec.UTF8);
            ps.sync().subscribe(keys.changes());
            backoffMillis = 100;
            log.info("subscribed to route changes on {} at {}", keys.changes(), endpoint);
        } catch (RuntimeException e) {
            log.warn("cannot subscribe to routes, retrying in {} ms: {}", backoffMillis, RedisFailure.of(endpoint, e).message());
            closeConnections();
            schedule(this::connect, backoffMillis);
            backoffMillis = Math.min(MAX_BACKOFF_MILLIS, backoffMillis * 2);
        }
    }

    private void onMessage(String message) {
        RouteChange change;
        try {
            change = Json.read(message, RouteChange.class);
        } catch (RuntimeException e) {
            log.warn("ignoring a route change that is not valid JSON: {}", e.toString());
            return;
        }
        try {
            feed.onChange(change);
        } catch (RuntimeException e) {
            retryResync(e);
        }
    }

    private void resync(long minVersion) {
        try {
            feed.resync(minVersion);
            backoffMillis = 100;
            firstRead.countDown();
        } catch (RuntimeException e) {
            retryResync(e);
        }
    }

    private void retryResync(RuntimeException cause) {
        log.warn("cannot read the route snapshot, retrying in {} ms: {}", backoffMillis,
                RedisFailure.of(endpoint, cause).message());
        if (resyncScheduled) {
            return;
        }
        resyncScheduled = true;
        schedule(() -> {
            resyncScheduled = false;
            resync(Long.MIN_VALUE);
        }, backoffMillis);
        backoffMillis = Math.min(MAX_BACKOFF_MILLIS, backoffMillis * 2);
    }

    private Optional<RouteTable> readSnapshot() {
        String json = commands.sync().get(keys.snapshot());
        return json == null ? Optional.empty() : Optional.of(Json.read(json, RouteTable.class));
    }

    private void submit(Runnable task) {
        try {
            worker.execute(task);
        } catch (RejectedExecutionException e) {
            log.debug("route subscriber closed; dropping a Redis event");
        }
    }

    private void schedule(Runnable task, long delayMillis) {
        try {
            worker.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            log.debug("route subscriber closed; not retrying");
        }
    }

    private void closeConnections() {
        if (pubsub != null) {
            pubsub.close();
            pubsub = null;
        }
        if (commands != null) {
            commands.close();
            commands = null;
        }
    }

    @Override
    public void close() {
        closed = true;
        worker.shutdownNow();
        try {
            worker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        subscribed = false;
        closeConnections();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }
}
