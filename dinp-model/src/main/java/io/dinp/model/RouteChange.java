package io.dinp.model;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A change to the route table: the new backend list of each app that changed (empty = the app
 * has no serving instance) and the apps that are gone.
 *
 * @param base            the version this change applies to; a router at another version resyncs
 * @param version         the table's version after the change
 * @param removed         apps no longer routed at all (deleted)
 * @param publishedMicros when the server learned of what caused the change (epoch micros), for
 *                        measuring propagation
 * @param domains         every custom domain binding when they changed (they rarely do), null when
 *                        they did not
 * @param certificates    every certificate when they changed, null when they did not
 * @param options         every app's non-default route options when any changed, null when none did
 */
public record RouteChange(long base, long version, Map<String, List<Backend>> apps, Set<String> removed,
                          long publishedMicros, Map<String, String> domains, Map<String, TlsCertificate> certificates,
                          Map<String, RouteOptions> options) {
    public RouteChange {
        TreeMap<String, List<Backend>> copy = new TreeMap<>();
        if (apps != null) {
            apps.forEach((k, v) -> copy.put(k, v == null ? List.of() : List.copyOf(v)));
        }
        apps = java.util.Collections.unmodifiableMap(copy);
        removed = removed == null ? Set.of() : java.util.Collections.unmodifiableSet(new TreeSet<>(removed));
        domains = domains == null ? null : java.util.Collections.unmodifiableMap(new TreeMap<>(domains));
        certificates = certificates == null ? null : java.util.Collections.unmodifiableMap(new TreeMap<>(certificates));
        options = options == null ? null : RouteTable.nonDefault(options);
    }

    public RouteChange(long base, long version, Map<String, List<Backend>> apps, Set<String> removed,
                       long publishedMicros, Map<String, String> domains, Map<String, TlsCertificate> certificates) {
        this(base, version, apps, removed, publishedMicros, domains, certificates, null);
    }

    public RouteChange(long base, long version, Map<String, List<Backend>> apps, Set<String> removed,
                       long publishedMicros) {
        this(base, version, apps, removed, publishedMicros, null, null, null);
    }

    /** The change that turns {@code from} into {@code to}; empty when nothing differs. */
    public static RouteChange between(RouteTable from, RouteTable to, long publishedMicros) {
        TreeMap<String, List<Backend>> diff = new TreeMap<>();
        for (var e : to.apps().entrySet()) {
            if (!from.knows(e.getKey()) || !e.getValue().equals(from.backends(e.getKey()))) {
                diff.put(e.getKey(), e.getValue());
            }
        }
        TreeSet<String> removed = new TreeSet<>(from.apps().keySet());
        removed.removeAll(to.apps().keySet());
        return new RouteChange(from.version(), to.version(), diff, removed, publishedMicros,
                from.domains().equals(to.domains()) ? null : to.domains(),
                from.certificates().equals(to.certificates()) ? null : to.certificates(),
                from.options().equals(to.options()) ? null : to.options());
    }

    public boolean isEmpty() {
        return apps.isEmpty() && removed.isEmpty() && domains == null && certificates == null && options == null;
    }

    /** Without the certificates' keys. */
    @Override
    public String toString() {
        return "RouteChange[base=" + base + ", version=" + version + ", apps=" + apps.keySet() + ", removed=" + removed
                + ", domains=" + domains + ", certificates=" + (certificates == null ? null : certificates.keySet())
                + ", options=" + options + "]";
    }
}
