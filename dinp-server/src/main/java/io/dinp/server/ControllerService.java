package io.dinp.server;

import io.dinp.model.AppStatus;
import io.dinp.model.Assignment;
import io.dinp.model.ClusterView;
import io.dinp.model.ControlPlane;
import io.dinp.model.HealthMonitors;
import io.dinp.model.HealthReport;
import io.dinp.model.HmTargets;
import io.dinp.model.InstanceInfo;
import io.dinp.model.NodeInfo;
import io.dinp.model.NodeReport;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The controller as its clients see it: agents report and wait for assignments, dash reads the
 * real state and signals desired-state changes. Used directly in one JVM and behind
 * {@link ControlApi} between processes.
 */
public final class ControllerService implements ControlPlane, ClusterView, HealthMonitors {
    private final ClusterState state;
    private final Controller controller;
    private final ServerMetrics metrics;

    public ControllerService(ClusterState state, Controller controller) {
        this(state, controller, ServerMetrics.detached());
    }

    public ControllerService(ClusterState state, Controller controller, ServerMetrics metrics) {
        this.state = state;
        this.controller = controller;
        this.metrics = metrics;
    }

    @Override
    public Assignment report(NodeReport report) {
        long received = io.dinp.common.Micros.now();
        metrics.nodeReport();
        if (state.report(report)) {
            controller.nudge(received);
        }
        return state.assignment(report.nodeId());
    }

    @Override
    public Optional<Assignment> awaitChange(String nodeId, String epoch, long version, Duration timeout)
            throws InterruptedException, UnknownNodeException {
        metrics.pollOpened();
        try {
            return state.awaitChange(nodeId, epoch, version, timeout);
        } finally {
            metrics.pollClosed();
        }
    }

    @Override
    public Optional<AppStatus> status(String app) {
        return state.status(app);
    }

    @Override
    public List<InstanceInfo> instances(String app) {
        return state.instances(app);
    }

    @Override
    public List<NodeInfo> nodes() {
        return state.nodes();
    }

    @Override
    public void desiredChanged(String app) {
        controller.desiredChanged();
    }

    @Override
    public void certificatesRevoked(String node) {
        if (state.revoke(node)) {
            controller.nudge();
        }
    }

    /** A node joined (again) with a new certificate: what it reports counts. */
    public void nodeJoined(String node) {
        state.readmit(node);
    }

    @Override
    public Optional<HmTargets> targets(String hmId, String knownHash, Duration wait) throws InterruptedException {
        return state.awaitTargets(hmId, knownHash, wait);
    }

    @Override
    public void report(String hmId, List<HealthReport> reports) {
        long received = io.dinp.common.Micros.now();
        metrics.healthReport();
        if (state.health(hmId, reports)) {
            controller.nudge(received);
        }
    }

    /** The health monitors alive now. */
    public List<String> monitors() {
        return state.monitors();
    }
}
