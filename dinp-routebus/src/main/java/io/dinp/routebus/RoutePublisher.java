package io.dinp.routebus;

import io.dinp.model.RouteTable;

/** The sending end of the route table: the server publishes each new table through it. */
public interface RoutePublisher extends AutoCloseable {

    /** Publishes a table whose version is greater than the last one published. */
    void publish(RouteTable table);

    /**
     * Publishes a table caused by something the server learned at {@code causeMicros} (epoch
     * microseconds); routers measure propagation from that moment.
     */
    default void publish(RouteTable table, long causeMicros) {
        publish(table);
    }

    @Override
    default void close() {
    }
}
