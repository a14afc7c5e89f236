package io.dinp.dash.metrics;

import io.dinp.model.AppStatus;
import io.dinp.model.ClusterView;
import io.dinp.model.NodeInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes a sample of the cluster every interval into a {@link ClusterHistory}: the apps from SQL,
 * their status and the nodes from the controller, the traffic from the routers. A part that
 * cannot be read leaves a gap in its series; the others go on.
 */
public final class ClusterSampler implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ClusterSampler.class);

    private final ClusterHistory history;
    private final Supplier<List<String>> appNames;
    private final ClusterView cluster;
    private final TrafficSource traffic;
    private final ScheduledExecutorService timer;
    private volatile String lastProblem;

    private ClusterSampler(ClusterHistory history, Supplier<List<String>> appNames, ClusterView cluster, TrafficSource traffic) {
        this.history = history;
        this.appNames = appNames;
        this.cluster = cluster;
        this.traffic = traffic;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "dinp-dash-sampler");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts sampling every {@code intervalMs}. */
    public static ClusterSampler start(ClusterHistory history, long intervalMs, Supplier<List<String>> appNames,
                                       ClusterView cluster, TrafficSource traffic) {
        ClusterSampler s = new ClusterSampler(history, appNames, cluster, traffic);
        s.timer.scheduleWithFixedDelay(s::sampleSafely, 0, intervalMs, TimeUnit.MILLISECONDS);
        return s;
    }

    private void sampleSafely() {
        try {
            sample();
        } catch (RuntimeException e) {
            problem("sampling failed: " + e);
        }
    }

    void sample() {
        Map<String, Optional<AppStatus>> statuses = new LinkedHashMap<>();
        for (String app : appNames.get()) {
            try {
                statuses.put(app, cluster.status(app));
            } catch (Exception e) {
                statuses.put(app, Optional.empty());
                problem("cannot read the status of " + app + ": " + e);
            }
        }
        List<NodeInfo> nodes = null;
        try {
            nodes = cluster.nodes();
        } catch (Exception e) {
            problem("cannot read the nodes: " + e);
        }
        Map<String, io.dinp.model.RouterTraffic> counters = null;
        if (traffic.available()) {
            try {
                counters = traffic.counters();
            } catch (Exception e) {
                problem("cannot read the routers' counters: " + e);
            }
        }
        history.record(System.currentTimeMillis(), statuses, nodes, counters);
    }

    /** Logs a problem once, not every interval while it lasts. */
    private void problem(String what) {
        if (!what.equals(lastProblem)) {
            log.warn("dashboard charts: {} (a gap in the charts until it is readable again)", what);
            lastProblem = what;
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
