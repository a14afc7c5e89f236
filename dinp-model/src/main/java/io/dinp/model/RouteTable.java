package io.dinp.model;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The whole route table at one version: app name → the backends that may serve it. An app with
 * an empty list exists but has no serving instance (the router answers 503, not 404).
 * Hosts map to apps in the router ({@code <app>.<apps-domain>}, or a custom domain bound to the
 * app); apps map to backends here.
 *
 * @param domains custom domains → app: exact names ({@code www.example.com}) and wildcards
 *                ({@code *.example.com}, one label deep)
 * @param certificates the TLS certificate of each custom domain that has one (routers terminate
 *                TLS with it, chosen by SNI); it holds private keys: never log a table
 * @param options how routers treat each app's requests, for the apps whose options differ from
 *                {@link RouteOptions#DEFAULTS} only (so the common table stays small)
 */
public record RouteTable(long version, Map<String, List<Backend>> apps, Map<String, String> domains,
                         Map<String, TlsCertificate> certificates, Map<String, RouteOptions> options) {
    public RouteTable {
        TreeMap<String, List<Backend>> copy = new TreeMap<>();
        if (apps != null) {
            apps.forEach((k, v) -> copy.put(k, v == null ? List.of() : List.copyOf(v)));
        }
        apps = java.util.Collections.unmodifiableMap(copy);
        domains = domains == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(domains));
        certificates = certificates == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(certificates));
        options = nonDefault(options);
    }

    public RouteTable(long version, Map<String, List<Backend>> apps, Map<String, String> domains,
                      Map<String, TlsCertificate> certificates) {
        this(version, apps, domains, certificates, Map.of());
    }

    public RouteTable(long version, Map<String, List<Backend>> apps) {
        this(version, apps, Map.of(), Map.of());
    }

    public RouteTable(long version, Map<String, List<Backend>> apps, Map<String, String> domains) {
        this(version, apps, domains, Map.of());
    }

    /** The entries that change something, sorted; two tables with the same options then compare equal. */
    static Map<String, RouteOptions> nonDefault(Map<String, RouteOptions> options) {
        TreeMap<String, RouteOptions> copy = new TreeMap<>();
        if (options != null) {
            options.forEach((app, o) -> {
                if (o != null && !o.sameAsDefaults()) {
                    copy.put(app, o);
                }
            });
        }
        return java.util.Collections.unmodifiableMap(copy);
    }

    /** How routers treat the app's requests; the defaults for an app without options of its own. */
    public RouteOptions optionsOf(String app) {
        return options.getOrDefault(app, RouteOptions.DEFAULTS);
    }

    /** The certificate for a TLS server name: the exact domain's, else the one-label wildcard's; null if none. */
    public TlsCertificate certificateFor(String serverName) {
        return byName(certificates, serverName);
    }

    /** The value of the exact name, else of the wildcard one label up ({@code *.example.com}); null if none. */
    private static <T> T byName(Map<String, T> byDomain, String name) {
        if (name == null || byDomain.isEmpty()) {
            return null;
        }
        T exact = byDomain.get(name);
        if (exact != null) {
            return exact;
        }
        int dot = name.indexOf('.');
        return dot > 0 ? byDomain.get("*" + name.substring(dot)) : null;
    }

    /** Only the version and the counts: a table holds private keys. */
    @Override
    public String toString() {
        return "RouteTable[version=" + version + ", apps=" + apps.size() + ", domains=" + domains.size()
                + ", certificates=" + certificates.size() + ", options=" + options.size() + "]";
    }

    /**
     * The app a custom domain routes to: an exact binding first, else the wildcard one level up
     * ({@code a.example.com} → {@code *.example.com}, never {@code a.b.example.com}); null if none.
     *
     * @param host a normalized host name: lower case, no port, no trailing dot
     */
    public String appOfDomain(String host) {
        return byName(domains, host);
    }

    public static RouteTable empty() {
        return new RouteTable(0, Map.of());
    }

    public List<Backend> backends(String app) {
        return apps.getOrDefault(app, List.of());
    }

    /** Whether the app exists for the router, serving or not. */
    public boolean knows(String app) {
        return apps.containsKey(app);
    }

    /** This table with the change applied; the change's version becomes the table's. */
    public RouteTable apply(RouteChange change) {
        TreeMap<String, List<Backend>> next = new TreeMap<>(apps);
        next.putAll(change.apps());
        change.removed().forEach(next::remove);
        return new RouteTable(change.version(), next, change.domains() != null ? change.domains() : domains,
                change.certificates() != null ? change.certificates() : certificates,
                change.options() != null ? change.options() : options);
    }
}
