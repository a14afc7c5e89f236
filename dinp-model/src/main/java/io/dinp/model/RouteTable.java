package io.dinp.model;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The whole route table at one version: app name → the backends that may serve it.
 * Hosts map to apps in the router ({@code <app>.<apps-domain>}); apps map to backends here.
 */
public record RouteTable(long version, Map<String, List<Backend>> apps) {
    public RouteTable {
        TreeMap<String, List<Backend>> copy = new TreeMap<>();
        if (apps != null) {
            apps.forEach((k, v) -> {
                if (v != null && !v.isEmpty()) {
                    copy.put(k, List.copyOf(v));
                }
            });
        }
        apps = java.util.Collections.unmodifiableMap(copy);
    }

    public static RouteTable empty() {
        return new RouteTable(0, Map.of());
    }

    public List<Backend> backends(String app) {
        return apps.getOrDefault(app, List.of());
    }

    /** This table with the change applied; the change's version becomes the table's. */
    public RouteTable apply(RouteChange change) {
        TreeMap<String, List<Backend>> next = new TreeMap<>(apps);
        change.apps().forEach((app, backends) -> {
            if (backends.isEmpty()) {
                next.remove(app);
            } else {
                next.put(app, backends);
            }
        });
        return new RouteTable(change.version(), next);
    }
}
