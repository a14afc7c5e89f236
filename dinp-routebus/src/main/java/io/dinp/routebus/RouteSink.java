package io.dinp.routebus;

import io.dinp.model.RouteChange;
import io.dinp.model.RouteTable;

/** The receiving end of the route table: a router's in-memory table. */
public interface RouteSink {

    /** Replaces the whole table (first sync, or resync after a missed version). */
    void replace(RouteTable table);

    /**
     * Applies a change if its base is the current version.
     *
     * @return false when the change does not follow the current version: the caller must resync
     */
    boolean apply(RouteChange change);

    /** The version currently held. */
    long version();
}
