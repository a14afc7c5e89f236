package io.dinp.dash.metrics;

import io.dinp.model.RouterTraffic;
import java.util.Map;

/**
 * Where dash reads the routers' request counters: per router (any id that stays the same while
 * the router runs) its latest reading, per app everything counted since that router started.
 */
@FunctionalInterface
public interface TrafficSource {
    /** No router to read: the charts show instance counts and node memory only. */
    TrafficSource NONE = Map::of;

    Map<String, RouterTraffic> counters() throws Exception;

    default boolean available() {
        return this != NONE;
    }
}
