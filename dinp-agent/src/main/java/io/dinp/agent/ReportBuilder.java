package io.dinp.agent;

import io.dinp.model.ContainerReport;
import io.dinp.model.ContainerState;
import io.dinp.model.InstanceSpec;
import io.dinp.model.NodeReport;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Merges what Docker shows with what the agent process knows into one heartbeat. Pure.
 *
 * <p>The local snapshot must be taken <em>before</em> Docker is listed: then an instance the
 * snapshot calls STARTED had its container before the listing, and its absence means GONE.
 */
public final class ReportBuilder {

    private ReportBuilder() {
    }

    public static NodeReport build(String nodeId, String address, int memoryMb,
                                   List<ObservedContainer> observed, LocalState local) {
        return build(nodeId, address, memoryMb, observed, local, null);
    }

    /** With where the node serves its instances' logs. */
    public static NodeReport build(String nodeId, String address, int memoryMb,
                                   List<ObservedContainer> observed, LocalState local, String logUrl) {
        List<ContainerReport> reports = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (ObservedContainer c : observed) {
            if (!nodeId.equals(c.nodeId())) {
                continue;
            }
            seen.add(c.instanceId());
            reports.add(withReadiness(c.report(), local));
        }
        for (LocalInstance i : local.instances().values()) {
            String id = i.spec().id();
            if (seen.contains(id)) {
                continue;
            }
            switch (i.phase()) {
                case CREATING -> reports.add(pending(i.spec(), ContainerState.CREATING, null, null));
                case FAILED -> reports.add(pending(i.spec(), ContainerState.FAILED, i.containerId(), i.error()));
                case STARTED -> {
                    // our own removal is not news; anything else that made it vanish is
                    if (!local.removing().contains(id)) {
                        reports.add(pending(i.spec(), ContainerState.GONE, i.containerId(),
                                "container " + shortId(i.containerId()) + " was removed outside DINP"));
                    }
                }
            }
        }
        return new NodeReport(nodeId, address, memoryMb, reports, logUrl);
    }

    private static ContainerReport withReadiness(ContainerReport r, LocalState local) {
        boolean running = r.state() == ContainerState.RUNNING;
        boolean ready = running && local.readyContainers().contains(r.containerId());
        String error = r.error();
        if (error == null && running && !ready) {
            error = local.probeErrors().get(r.containerId());
        }
        return new ContainerReport(r.instanceId(), r.app(), r.specHash(), r.containerId(), r.image(), r.memoryMb(),
                r.state(), r.hostPort(), ready, r.exitCode(), error, r.logTail());
    }

    private static ContainerReport pending(InstanceSpec s, ContainerState state, String containerId, String error) {
        return new ContainerReport(s.id(), s.app(), s.specHash(), containerId, s.image(), s.memoryMb(),
                state, 0, false, null, error);
    }

    static String shortId(String containerId) {
        return containerId == null || containerId.length() <= 12 ? String.valueOf(containerId) : containerId.substring(0, 12);
    }
}
