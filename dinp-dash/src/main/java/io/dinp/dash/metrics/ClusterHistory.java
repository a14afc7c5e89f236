package io.dinp.dash.metrics;

import io.dinp.model.AppStatus;
import io.dinp.model.AppTraffic;
import io.dinp.model.NodeInfo;
import io.dinp.model.RouterTraffic;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The last minutes of the cluster, sample by sample, for the dashboard's charts: per app its
 * traffic and instance counts, per node its memory and instances. Bounded (a ring per app and
 * node), in memory only: a restarted dash starts a new history. Apps and nodes that are gone are
 * forgotten at the next sample.
 *
 * <p>Traffic is what the routers counted between two of their readings: each router's counters
 * are compared with its own previous reading, over the time between the two by its own clock, so
 * a router that restarts (new id, counters from zero) or appears adds nothing until its second
 * reading, and a late or repeated reading changes no rate.
 */
public final class ClusterHistory {
    private final int capacity;
    private final long intervalMs;
    private final Map<String, SeriesRing<AppSample>> apps = new ConcurrentHashMap<>();
    private final Map<String, SeriesRing<NodeSample>> nodes = new ConcurrentHashMap<>();
    /** Per router: its last reading and the traffic of its last interval. */
    private final Map<String, RouterState> routers = new HashMap<>();
    private volatile boolean trafficKnown;

    /** A router's last reading, and what it counted between that one and the one before. */
    private record RouterState(RouterTraffic last, Map<String, AppTraffic> delta, double seconds) {
    }

    /** The traffic of one interval of all routers: per app, requests and their durations, and rates. */
    private record Interval(Map<String, AppTraffic> traffic, Map<String, double[]> rates) {
    }

    /** @param capacity samples kept per series; with {@code intervalMs} it makes the window shown */
    public ClusterHistory(int capacity, long intervalMs) {
        this.capacity = capacity;
        this.intervalMs = intervalMs;
    }

    /**
     * Records one sample taken at {@code now} (epoch ms).
     *
     * @param statuses every app now, with its status when the controller gave one
     * @param nodeList the nodes, or null when they could not be read
     * @param traffic  per router its latest reading; null when they could not be read
     */
    public synchronized void record(long now, Map<String, Optional<AppStatus>> statuses, List<NodeInfo> nodeList,
                                    Map<String, RouterTraffic> traffic) {
        Interval between = null;
        if (traffic != null) {
            between = advance(traffic);
            trafficKnown = true;
        }
        apps.keySet().retainAll(statuses.keySet());
        for (var e : statuses.entrySet()) {
            AppStatus s = e.getValue().orElse(null);
            AppSample sample;
            if (between == null) {
                sample = new AppSample(now, null, null, null, null, desired(s), running(s), total(s));
            } else {
                AppTraffic t = between.traffic().getOrDefault(e.getKey(), AppTraffic.NONE);
                double[] rate = between.rates().getOrDefault(e.getKey(), new double[2]);
                // without requests there is no latency to show: a gap, not a zero
                boolean any = t.requests() > 0;
                sample = new AppSample(now, round(rate[0]), round(rate[1]),
                        any ? round(t.quantileMillis(0.5)) : null, any ? round(t.quantileMillis(0.99)) : null,
                        desired(s), running(s), total(s));
            }
            apps.computeIfAbsent(e.getKey(), k -> new SeriesRing<>(capacity)).add(sample);
        }
        if (nodeList != null) {
            nodes.keySet().retainAll(nodeList.stream().map(NodeInfo::id).toList());
            for (NodeInfo n : nodeList) {
                nodes.computeIfAbsent(n.id(), k -> new SeriesRing<>(capacity))
                        .add(new NodeSample(now, n.memoryMb(), n.allocatedMb(), n.instances(), "up".equals(n.status())));
            }
        }
    }

    /**
     * Takes the routers' new readings; answers the traffic of the latest interval of every router
     * that has had two readings (a router whose reading did not change since the last sample
     * counts with its last interval again), or null while none has.
     */
    private Interval advance(Map<String, RouterTraffic> readings) {
        routers.keySet().retainAll(readings.keySet());
        Map<String, AppTraffic> sum = new HashMap<>();
        Map<String, double[]> rates = new HashMap<>();
        boolean any = false;
        for (var r : readings.entrySet()) {
            RouterState before = routers.get(r.getKey());
            RouterTraffic now = r.getValue();
            RouterState state;
            if (before == null) {
                state = new RouterState(now, null, 0);
            } else if (now.at() > before.last().at()) {
                state = new RouterState(now, trafficBetween(before.last().apps(), now.apps()),
                        (now.at() - before.last().at()) / 1000.0);
            } else {
                state = before;
            }
            routers.put(r.getKey(), state);
            if (state.delta() == null) {
                continue;
            }
            any = true;
            for (var app : state.delta().entrySet()) {
                AppTraffic t = app.getValue();
                sum.merge(app.getKey(), t, AppTraffic::plus);
                double[] rate = rates.computeIfAbsent(app.getKey(), k -> new double[2]);
                rate[0] += t.requests() / state.seconds();
                rate[1] += t.errors() / state.seconds();
            }
        }
        return any ? new Interval(sum, rates) : null;
    }

    /** Per app, what one router counted between two of its readings. */
    static Map<String, AppTraffic> trafficBetween(Map<String, AppTraffic> before, Map<String, AppTraffic> now) {
        Map<String, AppTraffic> out = new HashMap<>();
        for (var app : now.entrySet()) {
            out.put(app.getKey(), app.getValue().since(before.get(app.getKey())));
        }
        return out;
    }

    /** The app's series, one array per field (the JSON the charts read); empty for an unknown app. */
    public Map<String, Object> app(String name) {
        List<AppSample> samples = apps.containsKey(name) ? apps.get(name).list() : List.of();
        Map<String, Object> out = header();
        out.put("trafficKnown", trafficKnown);
        out.put("t", samples.stream().map(AppSample::at).toList());
        out.put("rps", samples.stream().map(AppSample::rps).toList());
        out.put("errorRps", samples.stream().map(AppSample::errorRps).toList());
        out.put("p50Ms", samples.stream().map(AppSample::p50Ms).toList());
        out.put("p99Ms", samples.stream().map(AppSample::p99Ms).toList());
        out.put("desired", samples.stream().map(AppSample::desired).toList());
        out.put("running", samples.stream().map(AppSample::running).toList());
        out.put("total", samples.stream().map(AppSample::total).toList());
        return out;
    }

    /** Every node's series, sorted by id. */
    public Map<String, Object> nodes() {
        Map<String, Object> out = header();
        out.put("nodes", nodes.entrySet().stream().sorted(Map.Entry.comparingByKey()).map(e -> {
            List<NodeSample> s = e.getValue().list();
            Map<String, Object> n = new LinkedHashMap<>();
            n.put("id", e.getKey());
            n.put("t", s.stream().map(NodeSample::at).toList());
            n.put("memoryMb", s.stream().map(NodeSample::memoryMb).toList());
            n.put("allocatedMb", s.stream().map(NodeSample::allocatedMb).toList());
            n.put("instances", s.stream().map(NodeSample::instances).toList());
            n.put("up", s.stream().map(NodeSample::up).toList());
            return n;
        }).toList());
        return out;
    }

    private Map<String, Object> header() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("intervalMs", intervalMs);
        out.put("windowMs", intervalMs * capacity);
        return out;
    }

    private static Double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private static Integer desired(AppStatus s) {
        return s == null ? null : s.desired();
    }

    private static Integer running(AppStatus s) {
        return s == null ? null : s.running();
    }

    private static Integer total(AppStatus s) {
        return s == null ? null : s.total();
    }
}
