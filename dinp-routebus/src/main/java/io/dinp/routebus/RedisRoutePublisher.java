package io.dinp.routebus;

import io.dinp.common.Json;
import io.dinp.common.Micros;
import io.dinp.model.RouteChange;
import io.dinp.model.RouteTable;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes route tables through Redis: the full table as a snapshot key and the change as a
 * pub/sub message, written atomically so a router that sees a change can always find a snapshot
 * at least as new.
 *
 * <p>{@link #publish} only hands the table to a background thread and returns, so a Redis outage
 * never stalls the server. The sender always diffs against the last table Redis actually
 * accepted; after an outage the latest table goes out as one change whose base routers may not
 * hold, and they resync from the snapshot.
 */
public final class RedisRoutePublisher implements RoutePublisher {
    private static final Logger log = LoggerFactory.getLogger(RedisRoutePublisher.class);
    private static final long MAX_BACKOFF_MILLIS = 5_000;
    // SET and PUBLISH in one script so no router can see the change without the snapshot. The
    // fence key holds "scope term version" of the last table published. Within one scope (one
    // cluster: the servers sharing a database and CA) a table of a lower term is refused (-1: a
    // deposed leader), and one whose version is not above the last is refused with that version
    // (a new leader renumbers above it), so routers see versions rise across leaders. Another
    // scope (another cluster given the same keys) simply takes the key over, as it always did.
    private static final String SCRIPT = """
            local f = redis.call('GET', KEYS[2])
            if f then
              local c, t, v = string.match(f, '^(%S+) (%d+) (%d+)$')
              if c == ARGV[6] then
                if tonumber(t) > tonumber(ARGV[4]) then return -1 end
                if tonumber(v) >= tonumber(ARGV[5]) then return -2 - tonumber(v) end
              end
            end
            redis.call('SET', KEYS[2], ARGV[6] .. ' ' .. ARGV[4] .. ' ' .. ARGV[5])
            redis.call('SET', KEYS[1], ARGV[1])
            return redis.call('PUBLISH', ARGV[2], ARGV[3])
            """;

    private final RedisEndpoint endpoint;
    private final String scope;
    private final RedisClient client;
    private final RedisRouteKeys keys;
    private final ScheduledExecutorService sender;
    private StatefulRedisConnection<String, String> connection; // sender thread only
    private RouteTable lastPublished = RouteTable.empty(); // sender thread only
    private RouteTable lastGiven; // sender thread only: the table given to publish that was last sent
    private volatile RouteTable latest;
    private volatile long latestTerm;
    /** Versions go out above this: the highest version Redis is known to hold. Sender thread only. */
    private long versionFloor = -1;
    private volatile boolean deposed;
    private volatile long publishedVersion = -1;
    /** Earliest cause of the tables handed over since the last send; MAX_VALUE when none. */
    private final java.util.concurrent.atomic.AtomicLong pendingCause = new java.util.concurrent.atomic.AtomicLong(Long.MAX_VALUE);
    private volatile boolean stale;
    private long backoffMillis = 100; // sender thread only
    private boolean retryScheduled; // sender thread only

    /** A publisher to a Redis without password or TLS, e.g. on loopback in tests and benchmarks. */
    public RedisRoutePublisher(String redisUri) {
        this(RedisEndpoint.of(redisUri), RedisRouteKeys.DEFAULT);
    }

    public RedisRoutePublisher(RedisEndpoint endpoint) {
        this(endpoint, RedisRouteKeys.DEFAULT);
    }

    public RedisRoutePublisher(RedisEndpoint endpoint, RedisRouteKeys keys) {
        this(endpoint, keys, "-");
    }

    /**
     * @param scope what the leaders' terms are counted in: one id per cluster (the servers'
     *              CA fingerprint), no spaces
     */
    public RedisRoutePublisher(RedisEndpoint endpoint, RedisRouteKeys keys, String scope) {
        if (scope == null || scope.isEmpty() || scope.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("scope: a non-empty id without spaces, was '" + scope + "'");
        }
        this.scope = scope;
        this.endpoint = endpoint;
        this.keys = keys;
        // commands fail at once while disconnected: we retry ourselves with the newest table
        this.client = RedisConnections.client(endpoint);
        this.sender = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "dinp-route-publisher");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public void publish(RouteTable table) {
        publish(table, Micros.now());
    }

    @Override
    public void publish(RouteTable table, long causeMicros) {
        publish(table, causeMicros, 0);
    }

    @Override
    public void publish(RouteTable table, long causeMicros, long term) {
        pendingCause.accumulateAndGet(causeMicros, Math::min);
        latestTerm = term;
        latest = table;
        sender.execute(this::send);
    }

    /** True once Redis refused a table because a leader of a higher term has published. */
    public boolean deposed() {
        return deposed;
    }

    /** The version of the last table Redis accepted, or -1 before the first. */
    public long publishedVersion() {
        return publishedVersion;
    }

    /** True while the newest table given to {@link #publish} has not reached Redis. */
    public boolean stale() {
        return stale;
    }

    private void send() {
        RouteTable given = latest;
        long term = latestTerm;
        if (given == null || given == lastGiven) {
            return;
        }
        RouteTable table = renumbered(given);
        try {
            if (connection == null) {
                connection = client.connect(StringCodec.UTF8);
            }
            long cause = pendingCause.getAndSet(Long.MAX_VALUE);
            RouteChange change = RouteChange.between(lastPublished, table, cause == Long.MAX_VALUE ? Micros.now() : cause);
            Long answer = connection.sync().eval(SCRIPT, ScriptOutputType.INTEGER,
                    new String[] {keys.snapshot(), keys.fence()},
                    Json.write(table), keys.changes(), Json.write(change), Long.toString(term), Long.toString(table.version()), scope);
            if (answer != null && answer == -1) {
                deposed = true;
                lastGiven = given;
                log.warn("routes version {} of term {} refused: a leader of a higher term has published", table.version(), term);
                return;
            }
            if (answer != null && answer <= -2) {
                // another leader published up to that version: go out above it, now
                versionFloor = -2 - answer;
                pendingCause.accumulateAndGet(cause, Math::min);
                sender.execute(this::send);
                return;
            }
            lastGiven = given;
            lastPublished = table;
            versionFloor = table.version();
            publishedVersion = table.version();
            stale = latest != given;
            backoffMillis = 100;
            log.debug("published routes version {} ({} apps changed) to {} routers",
                    table.version(), change.apps().size(), answer);
        } catch (RuntimeException e) {
            stale = true;
            log.warn("cannot publish routes version {}, retrying in {} ms: {}",
                    table.version(), backoffMillis, RedisFailure.of(endpoint, e).message());
            scheduleRetry();
        }
    }

    /** The table with a version above every one Redis holds (its own when it already is). */
    private RouteTable renumbered(RouteTable t) {
        if (t.version() > versionFloor) {
            return t;
        }
        return new RouteTable(versionFloor + 1, t.apps(), t.domains(), t.certificates(), t.options());
    }

    private void scheduleRetry() {
        if (retryScheduled || sender.isShutdown()) {
            return;
        }
        retryScheduled = true;
        sender.schedule(() -> {
            retryScheduled = false;
            send();
        }, backoffMillis, TimeUnit.MILLISECONDS);
        backoffMillis = Math.min(MAX_BACKOFF_MILLIS, backoffMillis * 2);
    }

    @Override
    public void close() {
        sender.shutdownNow();
        try {
            sender.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (connection != null) {
            connection.close();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
