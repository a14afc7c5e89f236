package io.dinp.model;

import java.util.Map;

/**
 * One reading of a router's per-app counters ({@link AppTraffic}) and when the router took it,
 * by its own clock: rates come from two readings of the same router, so they are right whatever
 * the clocks of dash and the router say and however late a reading arrives.
 *
 * @param at epoch milliseconds on the router
 */
public record RouterTraffic(long at, Map<String, AppTraffic> apps) {
    public RouterTraffic {
        apps = Map.copyOf(apps);
    }

    /** The router's counters now. */
    public static RouterTraffic now(Map<String, AppTraffic> apps) {
        return new RouterTraffic(System.currentTimeMillis(), apps);
    }
}
