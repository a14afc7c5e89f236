package io.dinp.bench;

import io.dinp.model.Assignment;
import io.dinp.model.ContainerReport;
import io.dinp.model.ContainerState;
import io.dinp.model.ControlPlane;
import io.dinp.model.InstanceSpec;
import io.dinp.model.NodeReport;
import io.dinp.server.ControllerService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntConsumer;

/**
 * One simulated node: talks to the control plane as the real agent does (report, then long-poll
 * for its assignment) and "runs" every instance it is assigned at once, acknowledging it as
 * running with a published port in its next report. No Docker, no containers.
 */
final class SimulatedAgent implements Runnable {
    private static final Duration POLL = Duration.ofSeconds(20); // as the real agent's long poll (AssignmentWatcher)

    private final ControllerService server;
    private final String nodeId;
    private final String address;
    private final int memoryMb;
    private final IntConsumer assignedDelta;
    private final IntConsumer runningDelta;
    private volatile boolean stopped;
    private Assignment current;
    private int reportedRunning;

    SimulatedAgent(ControllerService server, String nodeId, String address, int memoryMb,
                   IntConsumer assignedDelta, IntConsumer runningDelta) {
        this.server = server;
        this.nodeId = nodeId;
        this.address = address;
        this.memoryMb = memoryMb;
        this.assignedDelta = assignedDelta;
        this.runningDelta = runningDelta;
    }

    /** The first report: the node joins, empty. */
    void join() {
        current = new Assignment(nodeId, "", -1, List.of());
        receive(server.report(report(List.of())));
    }

    @Override
    public void run() {
        boolean ack = !current.instances().isEmpty();
        try {
            while (!stopped) {
                if (ack) {
                    Assignment sent = current;
                    Assignment back = server.report(report(sent.instances()));
                    running(sent.instances().size());
                    ack = back.version() != sent.version() || !back.epoch().equals(sent.epoch());
                    receive(back);
                    continue;
                }
                Optional<Assignment> next = server.awaitChange(nodeId, current.epoch(), current.version(), POLL);
                if (next.isPresent()) {
                    receive(next.get());
                    ack = true;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ControlPlane.UnknownNodeException e) {
            throw new IllegalStateException("node " + nodeId + " unknown to the server", e);
        }
    }

    void stop() {
        stopped = true;
    }

    private void receive(Assignment a) {
        int delta = a.instances().size() - current.instances().size();
        current = a;
        if (delta != 0) {
            assignedDelta.accept(delta);
        }
    }

    private void running(int n) {
        if (n != reportedRunning) {
            runningDelta.accept(n - reportedRunning);
            reportedRunning = n;
        }
    }

    private NodeReport report(List<InstanceSpec> specs) {
        List<ContainerReport> containers = new ArrayList<>(specs.size());
        for (InstanceSpec s : specs) {
            containers.add(new ContainerReport(s.id(), s.app(), s.specHash(), "c" + s.id(), s.image(), s.memoryMb(),
                    ContainerState.RUNNING, port(s.id()), true, null, null));
        }
        return new NodeReport(nodeId, address, memoryMb, containers);
    }

    /** A stable host port per instance, so the server never sees a "new process" and restarts health. */
    static int port(String instanceId) {
        return 10_000 + Math.floorMod(instanceId.hashCode(), 50_000);
    }
}
