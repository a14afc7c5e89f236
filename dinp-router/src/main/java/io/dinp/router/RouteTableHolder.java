package io.dinp.router;

import io.dinp.model.Backend;
import io.dinp.model.RouteChange;
import io.dinp.model.RouteTable;
import io.dinp.routebus.LagRecorder;
import io.dinp.routebus.RouteSink;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.function.Predicate;

/**
 * The router's in-memory route table and per-app round-robin position. Swapping the table never
 * touches requests in flight: they keep the backend they were given. Listeners learn of each new
 * table (the router uses that to drop idle connections to removed backends).
 */
public final class RouteTableHolder implements RouteSink {
    /** A table and what is derived from it, swapped together so a request never sees one without the other. */
    private record Current(RouteTable table, Map<String, Map<String, Backend>> sticky) {
        Current(RouteTable table) {
            this(table, StickySessions.index(table));
        }
    }

    private volatile Current current = new Current(RouteTable.empty());
    private final ConcurrentHashMap<String, AtomicInteger> cursors = new ConcurrentHashMap<>();
    /** From the moment the server learned of a change to the moment this router applied it. */
    private final LagRecorder propagation = new LagRecorder();
    private final List<Consumer<RouteTable>> listeners = new CopyOnWriteArrayList<>();
    private volatile LongConsumer lagListener = micros -> { };

    public RouteTable table() {
        return current.table();
    }

    @Override
    public synchronized void replace(RouteTable next) {
        current = new Current(next);
        cursors.keySet().retainAll(next.apps().keySet());
        changed();
    }

    @Override
    public synchronized boolean apply(RouteChange change) {
        RouteTable table = current.table();
        if (change.base() != table.version()) {
            return false;
        }
        current = new Current(table.apply(change));
        cursors.keySet().retainAll(current.table().apps().keySet());
        changed();
        if (change.publishedMicros() > 0) {
            long lag = Math.max(0, io.dinp.common.Micros.now() - change.publishedMicros());
            propagation.record(lag);
            lagListener.accept(lag);
        }
        return true;
    }

    public LagRecorder propagation() {
        return propagation;
    }

    /** Also tells {@code listener} each propagation lag, in microseconds (the metrics use it). */
    void onPropagation(LongConsumer listener) {
        lagListener = listener;
    }

    @Override
    public long version() {
        return current.table().version();
    }

    /**
     * Up to {@code max} distinct backends of the app, starting at its next one in round-robin
     * order: the first is where the request goes, the rest are tried if it fails.
     */
    public List<Backend> candidates(String app, int max) {
        return candidates(app, max, b -> false);
    }

    /**
     * Like {@link #candidates(String, int)}, but the backends that are not ejected come first (in
     * round-robin order among themselves) and the ejected ones last, as a last resort: ejection
     * steers requests away from a failing instance but never turns one away.
     */
    public List<Backend> candidates(String app, int max, Predicate<Backend> ejected) {
        return candidates(current, app, max, ejected);
    }

    /**
     * Like {@link #candidates(String, int, Predicate)}, but when {@code sticky} (a sticky-session
     * cookie's value) names a backend of the app that is in the table and not ejected, that one
     * comes first; the round-robin order follows, for retries.
     */
    public List<Backend> candidates(String app, int max, Predicate<Backend> ejected, String sticky) {
        Current now = current;
        List<Backend> rotated = candidates(now, app, max, ejected);
        Backend pinned = sticky == null ? null : now.sticky().getOrDefault(app, Map.of()).get(sticky);
        if (pinned == null || max <= 0 || ejected.test(pinned)) {
            return rotated;
        }
        return StickySessions.pinFirst(pinned, rotated, max);
    }

    private List<Backend> candidates(Current now, String app, int max, Predicate<Backend> ejected) {
        List<Backend> all = now.table().backends(app);
        if (all.isEmpty() || max <= 0) {
            return List.of();
        }
        List<Backend> healthy = new ArrayList<>(all.size());
        List<Backend> avoided = new ArrayList<>();
        for (Backend b : all) {
            (ejected.test(b) ? avoided : healthy).add(b);
        }
        int turn = cursors.computeIfAbsent(app, k -> new AtomicInteger()).getAndIncrement();
        List<Backend> out = new ArrayList<>(Math.min(max, all.size()));
        addRotated(healthy, turn, max, out);
        addRotated(avoided, turn, max, out);
        return out;
    }

    private static void addRotated(List<Backend> from, int turn, int max, List<Backend> out) {
        int n = from.size();
        for (int i = 0; i < n && out.size() < max; i++) {
            out.add(from.get(Math.floorMod(turn + i, n)));
        }
    }

    /**
     * Calls {@code listener} with the current table at once and with every later one, in order,
     * on the thread that changes the table. Listeners must be quick and must not block.
     */
    public synchronized void addListener(Consumer<RouteTable> listener) {
        listeners.add(listener);
        listener.accept(current.table());
    }

    public void removeListener(Consumer<RouteTable> listener) {
        listeners.remove(listener);
    }

    private void changed() {
        RouteTable table = current.table();
        listeners.forEach(l -> l.accept(table));
    }
}
