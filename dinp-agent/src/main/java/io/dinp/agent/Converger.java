package io.dinp.agent;

import io.dinp.model.InstanceSpec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The agent's diff: assigned instances and observed containers in, the actions to take out. Pure.
 *
 * <p>Rules: an assigned instance with no container is created, unless this process already
 * started it once (then it is in flight, failed or gone, and the server decides what next: an
 * instance id is never recreated by the agent). A container of this node whose instance is not
 * assigned is removed. Containers of other nodes are never touched.
 */
public final class Converger {

    private Converger() {
    }

    /**
     * @param nodeId   this agent's node
     * @param assigned the instances the node must run
     * @param observed the DINP containers Docker shows (any node; others are ignored)
     * @param started  instance ids this agent process already began to create
     */
    public static List<ConvergeAction> plan(String nodeId, Collection<InstanceSpec> assigned,
                                            Collection<ObservedContainer> observed, Set<String> started) {
        Set<String> assignedIds = new HashSet<>();
        Set<String> existing = new HashSet<>();
        List<ConvergeAction> removes = new ArrayList<>();
        for (InstanceSpec spec : assigned) {
            // a spec naming another node was not meant for us: creating it would run it twice
            if (spec.node() == null || spec.node().equals(nodeId)) {
                assignedIds.add(spec.id());
            }
        }
        for (ObservedContainer c : observed) {
            if (!nodeId.equals(c.nodeId())) {
                continue;
            }
            existing.add(c.instanceId());
            if (!assignedIds.contains(c.instanceId())) {
                removes.add(new ConvergeAction.Remove(c.containerId(), c.instanceId()));
            }
        }
        // creates first: when applied in order, new instances never wait behind slow stops
        List<ConvergeAction> actions = new ArrayList<>();
        Set<String> planned = new HashSet<>();
        for (InstanceSpec spec : assigned) {
            String id = spec.id();
            if (assignedIds.contains(id) && !existing.contains(id) && !started.contains(id) && planned.add(id)) {
                actions.add(new ConvergeAction.Create(spec));
            }
        }
        actions.addAll(removes);
        return actions;
    }
}
