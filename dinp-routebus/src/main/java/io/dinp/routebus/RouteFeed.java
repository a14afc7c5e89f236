package io.dinp.routebus;

import io.dinp.model.RouteChange;
import io.dinp.model.RouteTable;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds a {@link RouteSink} from a stream of changes plus a snapshot to fall back on: applies
 * each change in order and, when one does not follow the version held, replaces the table with
 * the snapshot. Transport-free so the resync rules can be tested without Redis; not thread-safe,
 * the caller delivers from one thread.
 */
final class RouteFeed {
    private static final Logger log = LoggerFactory.getLogger(RouteFeed.class);

    private final RouteSink sink;
    private final Supplier<Optional<RouteTable>> snapshot;
    private final LagRecorder lag;
    private final Clock clock;
    private volatile Instant lastSync;

    /**
     * @param snapshot reads the latest published table; empty when none was ever published,
     *                 throws when the store cannot be reached
     */
    RouteFeed(RouteSink sink, Supplier<Optional<RouteTable>> snapshot, LagRecorder lag, Clock clock) {
        this.sink = sink;
        this.snapshot = snapshot;
        this.lag = lag;
        this.clock = clock;
    }

    /** Applies one change; resyncs from the snapshot when a version was missed. */
    void onChange(RouteChange change) {
        Instant now = clock.instant();
        lag.record(io.dinp.common.Micros.of(now) - change.publishedMicros());
        if (change.version() <= sink.version()) {
            // Already covered, e.g. by the snapshot read right after subscribing.
            return;
        }
        if (sink.apply(change)) {
            lastSync = now;
            return;
        }
        log.info("route change {}->{} does not follow version {}; resyncing from the snapshot",
                change.base(), change.version(), sink.version());
        resync(change.version());
    }

    /**
     * Replaces the table with the snapshot if it is at least {@code minVersion}; an older
     * snapshot is ignored because the change that brings it up to date is still on its way.
     */
    void resync(long minVersion) {
        Optional<RouteTable> table = snapshot.get();
        if (table.isEmpty()) {
            log.info("no route snapshot published yet; keeping the table at version {}", sink.version());
            return;
        }
        if (table.get().version() < minVersion) {
            log.debug("route snapshot {} older than change {}; waiting for the next change",
                    table.get().version(), minVersion);
            return;
        }
        sink.replace(table.get());
        lastSync = clock.instant();
    }

    /** When the table was last brought up to date, or null if never. */
    Instant lastSync() {
        return lastSync;
    }
}
