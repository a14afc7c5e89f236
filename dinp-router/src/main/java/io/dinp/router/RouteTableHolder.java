package io.dinp.router;

import io.dinp.model.Backend;
import io.dinp.model.RouteChange;
import io.dinp.model.RouteTable;
import io.dinp.routebus.LagRecorder;
import io.dinp.routebus.RouteSink;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The router's in-memory route table and per-app round-robin position. Swapping the table never
 * touches connections: requests already routed keep the backend they were given.
 */
public final class RouteTableHolder implements RouteSink {
    private volatile RouteTable table = RouteTable.empty();
    private final ConcurrentHashMap<String, AtomicInteger> cursors = new ConcurrentHashMap<>();
    /** From the moment the server learned of a change to the moment this router applied it. */
    private final LagRecorder propagation = new LagRecorder();

    public RouteTable table() {
        return table;
    }

    @Override
    public synchronized void replace(RouteTable next) {
        table = next;
        cursors.keySet().retainAll(next.apps().keySet());
    }

    @Override
    public synchronized boolean apply(RouteChange change) {
        if (change.base() != table.version()) {
            return false;
        }
        table = table.apply(change);
        cursors.keySet().retainAll(table.apps().keySet());
        if (change.publishedMicros() > 0) {
            propagation.record(Math.max(0, io.dinp.common.Micros.now() - change.publishedMicros()));
        }
        return true;
    }

    public LagRecorder propagation() {
        return propagation;
    }

    @Override
    public long version() {
        return table.version();
    }

    /**
     * Up to {@code max} distinct backends of the app, starting at its next one in round-robin
     * order: the first is where the request goes, the rest are tried if it refuses.
     */
    public List<Backend> candidates(String app, int max) {
        List<Backend> all = table.backends(app);
        if (all.isEmpty() || max <= 0) {
            return List.of();
        }
        int start = Math.floorMod(cursors.computeIfAbsent(app, k -> new AtomicInteger()).getAndIncrement(), all.size());
        int n = Math.min(max, all.size());
        List<Backend> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(all.get((start + i) % all.size()));
        }
        return out;
    }
}
