package io.dinp.routebus;

import io.dinp.model.RouteChange;
import io.dinp.model.RouteTable;
import java.util.concurrent.atomic.AtomicInteger;

/** A route sink for tests: holds the table and counts how often it was replaced wholesale. */
final class MemorySink implements RouteSink {
    private volatile RouteTable table = RouteTable.empty();
    final AtomicInteger replaces = new AtomicInteger();

    @Override
    public synchronized void replace(RouteTable next) {
        table = next;
        replaces.incrementAndGet();
    }

    @Override
    public synchronized boolean apply(RouteChange change) {
        if (change.base() != table.version()) {
            return false;
        }
        table = table.apply(change);
        return true;
    }

    @Override
    public long version() {
        return table.version();
    }

    RouteTable table() {
        return table;
    }
}
