package io.dinp.routebus;

import static org.assertj.core.api.Assertions.assertThat;

import io.dinp.model.Backend;
import io.dinp.model.RouteChange;
import io.dinp.model.RouteTable;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class RouteFeedTest {
    private static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");
    private static final long NOW_MICROS = NOW.getEpochSecond() * 1_000_000;

    private final MemorySink sink = new MemorySink();
    private final AtomicReference<RouteTable> snapshot = new AtomicReference<>();
    private final LagRecorder lag = new LagRecorder();
    private final RouteFeed feed = new RouteFeed(sink, () -> Optional.ofNullable(snapshot.get()), lag,
            Clock.fixed(NOW, ZoneOffset.UTC));

    private static RouteTable table(long version, String... apps) {
        Map<String, List<Backend>> m = new java.util.TreeMap<>();
        for (String app : apps) {
            m.put(app, List.of(new Backend(app + "-1", "10.0.0.1", (int) (30000 + version))));
        }
        return new RouteTable(version, m);
    }

    @Test
    void appliesAChangeThatFollowsAndRecordsItsLag() {
        feed.onChange(RouteChange.between(RouteTable.empty(), table(1, "a"), NOW_MICROS - 1500));

        assertThat(sink.table()).isEqualTo(table(1, "a"));
        assertThat(sink.replaces).hasValue(0);
        assertThat(lag.summary().maxMicros()).isEqualTo(1500);
        assertThat(feed.lastSync()).isEqualTo(NOW);
    }

    @Test
    void missedVersionResyncsFromTheSnapshot() {
        feed.onChange(RouteChange.between(RouteTable.empty(), table(1, "a"), NOW_MICROS));
        snapshot.set(table(3, "a", "b"));

        feed.onChange(RouteChange.between(table(2, "a"), table(3, "a", "b"), NOW_MICROS));

        assertThat(sink.table()).isEqualTo(table(3, "a", "b"));
        assertThat(sink.replaces).hasValue(1);
    }

    @Test
    void snapshotOlderThanTheChangeIsIgnoredAndTheTableKept() {
        feed.onChange(RouteChange.between(RouteTable.empty(), table(1, "a"), NOW_MICROS));
        snapshot.set(table(2, "a"));

        feed.onChange(RouteChange.between(table(3, "a"), table(4, "b"), NOW_MICROS));

        assertThat(sink.table()).isEqualTo(table(1, "a"));
        assertThat(sink.replaces).hasValue(0);
    }

    @Test
    void changeAlreadyCoveredByTheTableIsSkipped() {
        snapshot.set(table(2, "a", "b"));
        feed.resync(Long.MIN_VALUE);

        feed.onChange(RouteChange.between(table(1, "a"), table(2, "a", "b"), NOW_MICROS));

        assertThat(sink.table()).isEqualTo(table(2, "a", "b"));
        assertThat(sink.replaces).hasValue(1);
    }

    @Test
    void noSnapshotKeepsTheTable() {
        feed.onChange(RouteChange.between(RouteTable.empty(), table(1, "a"), NOW_MICROS));

        feed.resync(Long.MIN_VALUE);

        assertThat(sink.table()).isEqualTo(table(1, "a"));
    }
}
