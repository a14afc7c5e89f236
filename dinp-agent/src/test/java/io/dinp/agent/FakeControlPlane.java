package io.dinp.agent;

import io.dinp.model.Assignment;
import io.dinp.model.ContainerReport;
import io.dinp.model.ControlPlane;
import io.dinp.model.InstanceSpec;
import io.dinp.model.NodeReport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An in-memory server for agent tests: holds each node's assignment and records its reports. */
final class FakeControlPlane implements ControlPlane {
    private static final String EPOCH = "test-epoch";
    private final Map<String, Assignment> assignments = new HashMap<>();
    private final Map<String, List<NodeReport>> reports = new HashMap<>();

    synchronized void assign(String nodeId, List<InstanceSpec> instances) {
        Assignment previous = assignments.get(nodeId);
        long version = previous == null ? 1 : previous.version() + 1;
        assignments.put(nodeId, new Assignment(nodeId, EPOCH, version, instances));
        notifyAll();
    }

    @Override
    public synchronized Assignment report(NodeReport report) {
        reports.computeIfAbsent(report.nodeId(), n -> new ArrayList<>()).add(report);
        return assignments.computeIfAbsent(report.nodeId(), n -> new Assignment(n, EPOCH, 0, List.of()));
    }

    @Override
    public synchronized Optional<Assignment> awaitChange(String nodeId, String epoch, long version, Duration timeout)
            throws Exception {
        if (!reports.containsKey(nodeId)) {
            throw new UnknownNodeException(nodeId);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Assignment a = assignments.get(nodeId);
            if (a != null && (!a.epoch().equals(epoch) || a.version() != version)) {
                return Optional.of(a);
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return Optional.empty();
            }
            // a long poll: woken by assign(), like the real server's
            wait(Math.max(1, left / 1_000_000));
        }
    }

    synchronized List<NodeReport> reports(String nodeId) {
        return List.copyOf(reports.getOrDefault(nodeId, List.of()));
    }

    synchronized NodeReport latest(String nodeId) {
        List<NodeReport> r = reports.get(nodeId);
        return r == null || r.isEmpty() ? new NodeReport(nodeId, null, 0, List.of()) : r.getLast();
    }

    /** The latest report's entry for this instance, if any. */
    Optional<ContainerReport> latest(String nodeId, String instanceId) {
        return latest(nodeId).containers().stream().filter(c -> c.instanceId().equals(instanceId)).findFirst();
    }
}
