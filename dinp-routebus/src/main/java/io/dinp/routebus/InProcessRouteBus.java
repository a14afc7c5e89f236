package io.dinp.routebus;

import io.dinp.model.RouteChange;
import io.dinp.model.RouteTable;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Delivers route tables to routers in the same JVM (the {@code dinp up} case): a direct call. */
public final class InProcessRouteBus implements RoutePublisher {
    private final List<RouteSink> sinks = new CopyOnWriteArrayList<>();
    private volatile RouteTable last = RouteTable.empty();

    /** Adds a router; it receives the current table at once. */
    public void subscribe(RouteSink sink) {
        synchronized (this) {
            sink.replace(last);
            sinks.add(sink);
        }
    }

    @Override
    public void publish(RouteTable table) {
        publish(table, io.dinp.common.Micros.now());
    }

    @Override
    public synchronized void publish(RouteTable table, long causeMicros) {
        RouteChange change = RouteChange.between(last, table, causeMicros);
        last = table;
        for (RouteSink sink : sinks) {
            if (!sink.apply(change)) {
                sink.replace(table);
            }
        }
    }
}
