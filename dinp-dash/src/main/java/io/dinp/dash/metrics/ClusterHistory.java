package io.dinp.dash.metrics;

import io.dinp.model.AppStatus;
import io.dinp.model.AppTraffic;
import io.dinp.model.NodeInfo;
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
 * <p>Traffic is what the routers counted between two samples: the counters of each router are
 * compared with its own previous ones, so a router that restarts (new id, counters from zero) or
 * appears adds nothing until its second reading.
 */
public final class ClusterHistory {
    private final int capacity;
    private final long intervalMs;
    private final Map<String, SeriesRing<AppSample>> apps = new ConcurrentHashMap<>();
    private final Map<String, SeriesRing<NodeSample>> nodes = new ConcurrentHashMap<>();
    private Map<String, Map<String, AppTraffic>> lastTraffic;
    private long lastTrafficAt;
    private volatile boolean trafficKnown;

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
     * @param traffic  per router, per app, the counters since the router started; null when they
     *                 could not be read
     */
    public synchronized void record(long now, Map<String, Optional<AppStatus>> statuses, List<NodeInfo> nodeList,
                                    Map<String, Map<String, AppTraffic>> traffic) {
        Map<String, AppTraffic> between = null;
        double seconds = 0;
        if (traffic != null) {
            if (lastTraffic != null && now > lastTrafficAt) {
                between = trafficBetween(lastTraffic, traffic);
                seconds = (now - lastTrafficAt) / 1000.0;
            }
            lastTraffic = traffic;
            lastTrafficAt = now;
            trafficKnown = true;
        }
        apps.keySet().retainAll(statuses.keySet());
        for (var e : statuses.entrySet()) {
            AppStatus s = e.getValue().orElse(null);
            AppSample sample;
            if (between == null) {
                sample = new AppSample(now, null, null, null, null, desired(s), running(s), total(s));
            } else {
                AppTraffic t = between.getOrDefault(e.getKey(), AppTraffic.NONE);
                // without requests there is no latency to show: a gap, not a zero
                boolean any = t.requests() > 0;
                sample = new AppSample(now, round(t.requests() / seconds), round(t.errors() / seconds),
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

    /** Per app, the traffic of every router that was read both times, added up. */
    static Map<String, AppTraffic> trafficBetween(Map<String, Map<String, AppTraffic>> before,
                                                  Map<String, Map<String, AppTraffic>> now) {
        Map<String, AppTraffic> sum = new HashMap<>();
        for (var router : now.entrySet()) {
            Map<String, AppTraffic> earlier = before.get(router.getKey());
            if (earlier == null) {
                continue;
            }
            for (var app : router.getValue().entrySet()) {
                AppTraffic delta = app.getValue().since(earlier.get(app.getKey()));
                sum.merge(app.getKey(), delta, AppTraffic::plus);
            }
        }
        return sum;
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
