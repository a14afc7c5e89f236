package io.dinp.core;

import io.dinp.model.Backend;
import io.dinp.model.Instance;
import io.dinp.model.NodeView;
import io.dinp.model.RouteOptions;
import io.dinp.model.RouteTable;
import io.dinp.model.TlsCertificate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Route computation: an app's backends are its serving instances — running, accepting
 * connections, not draining, on a node that is up. Every desired app is in the table, with an
 * empty list when nothing serves, so routers can tell "no instance" from "no such app". Pure.
 */
public final class RouteComputer {
    private static final Comparator<Backend> BY_ID = Comparator.comparing(Backend::instanceId);

    private RouteComputer() {
    }

    public static RouteTable compute(ClusterSnapshot s, long version) {
        return compute(s, version, Map.of());
    }

    /** With the custom domains (domain → app) of apps that exist; bindings of other apps are dropped. */
    public static RouteTable compute(ClusterSnapshot s, long version, Map<String, String> domains) {
        return compute(s, version, domains, Map.of());
    }

    /** With certificates too, of bound domains only. */
    public static RouteTable compute(ClusterSnapshot s, long version, Map<String, String> domains,
                                     Map<String, TlsCertificate> certificates) {
        return compute(s, version, domains, certificates, Map.of());
    }

    /**
     * With each app's route options too; those of apps that are not desired are dropped, and
     * defaults are left out of the table.
     */
    public static RouteTable compute(ClusterSnapshot s, long version, Map<String, String> domains,
                                     Map<String, TlsCertificate> certificates, Map<String, RouteOptions> options) {
        Map<String, List<Backend>> routes = new TreeMap<>();
        s.apps().keySet().forEach(app -> routes.put(app, new ArrayList<>()));
        for (Instance i : s.instances()) {
            NodeView node = s.nodes().get(i.node());
            if (i.isServing() && node != null && node.up() && s.apps().containsKey(i.app())) {
                routes.get(i.app()).add(new Backend(i.id(), node.address(), i.hostPort()));
            }
        }
        // each app's backends by instance id: sorting the short lists, not all instances at once
        routes.values().forEach(backends -> backends.sort(BY_ID));
        Map<String, String> bound = new TreeMap<>();
        domains.forEach((d, app) -> {
            if (s.apps().containsKey(app)) {
                bound.put(d, app);
            }
        });
        Map<String, TlsCertificate> certs = new TreeMap<>();
        certificates.forEach((d, c) -> {
            if (bound.containsKey(d)) {
                certs.put(d, c);
            }
        });
        Map<String, RouteOptions> opts = new TreeMap<>();
        options.forEach((app, o) -> {
            if (s.apps().containsKey(app)) {
                opts.put(app, o);
            }
        });
        return new RouteTable(version, routes, bound, certs, opts);
    }

    /** True when two tables route the same way, whatever their versions. */
    public static boolean sameRoutes(RouteTable a, RouteTable b) {
        return a.apps().equals(b.apps()) && a.domains().equals(b.domains()) && a.certificates().equals(b.certificates())
                && a.options().equals(b.options());
    }
}
