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

    /**
     * Publishes a table made by the leader of {@code term} (0 without an election). A publisher
     * shared by several servers refuses tables of a term lower than one it has seen published,
     * and keeps versions increasing across leaders.
     */
    default void publish(RouteTable table, long causeMicros, long term) {
        publish(table, causeMicros);
    }

    @Override
    default void close() {
    }
}
