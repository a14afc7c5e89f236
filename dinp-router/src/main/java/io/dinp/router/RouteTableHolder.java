package io.dinp.router;

import io.dinp.model.Backend;
import io.dinp.model.RouteChange;
import io.dinp.model.RouteTable;
import io.dinp.routebus.LagRecorder;
import io.dinp.routebus.RouteSink;
import java.util.ArrayList;
import java.util.List;
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
    private volatile RouteTable table = RouteTable.empty();
    private final ConcurrentHashMap<String, AtomicInteger> cursors = new ConcurrentHashMap<>();
    /** From the moment the server learned of a change to the moment this router applied it. */
    private final LagRecorder propagation = new LagRecorder();
    private final List<Consumer<RouteTable>> listeners = new CopyOnWriteArrayList<>();
    private volatile LongConsumer lagListener = micros -> { };

    public RouteTable table() {
        return table;
    }

    @Override
    public synchronized void replace(RouteTable next) {
        table = next;
        cursors.keySet().retainAll(next.apps().keySet());
        changed();
    }

    @Override
    public synchronized boolean apply(RouteChange change) {
        if (change.base() != table.version()) {
            return false;
        }
        table = table.apply(change);
        cursors.keySet().retainAll(table.apps().keySet());
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
        return table.version();
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
        List<Backend> all = table.backends(app);
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
        listener.accept(table);
    }

    public void removeListener(Consumer<RouteTable> listener) {
        listeners.remove(listener);
    }

    private void changed() {
        listeners.forEach(l -> l.accept(table));
    }
}
