package io.dinp.model;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A change to the route table: the new backend list of each app that changed (empty = gone).
 *
 * @param base            the version this change applies to; a router at another version resyncs
 * @param version         the table's version after the change
 * @param publishedMicros wall clock of the publisher, for measuring propagation
 */
public record RouteChange(long base, long version, Map<String, List<Backend>> apps, long publishedMicros) {
    public RouteChange {
        TreeMap<String, List<Backend>> copy = new TreeMap<>();
        if (apps != null) {
            apps.forEach((k, v) -> copy.put(k, v == null ? List.of() : List.copyOf(v)));
        }
        apps = java.util.Collections.unmodifiableMap(copy);
    }

    /** The change that turns {@code from} into {@code to}; empty apps map when nothing differs. */
    public static RouteChange between(RouteTable from, RouteTable to, long publishedMicros) {
        TreeMap<String, List<Backend>> diff = new TreeMap<>();
        for (var e : to.apps().entrySet()) {
            if (!e.getValue().equals(from.backends(e.getKey()))) {
                diff.put(e.getKey(), e.getValue());
            }
        }
        for (String app : from.apps().keySet()) {
            if (!to.apps().containsKey(app)) {
                diff.put(app, List.of());
            }
        }
        return new RouteChange(from.version(), to.version(), diff, publishedMicros);
    }

    public boolean isEmpty() {
        return apps.isEmpty();
    }
}
