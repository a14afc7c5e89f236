package io.dinp.core;

import io.dinp.model.AppHealth;
import io.dinp.model.AppSpec;
import io.dinp.model.Instance;
import io.dinp.model.NodeView;
import java.util.List;
import java.util.Map;

/**
 * An immutable view of the world handed to the reconciler: desired apps, nodes, assigned
 * instances and per-app failure memory. The reconciler never sees anything else.
 */
public record ClusterSnapshot(Map<String, AppSpec> apps, Map<String, NodeView> nodes,
                              List<Instance> instances, Map<String, AppHealth> health) {
    public ClusterSnapshot {
        apps = Map.copyOf(apps);
        nodes = Map.copyOf(nodes);
        instances = List.copyOf(instances);
        health = Map.copyOf(health);
    }

    public AppHealth health(String app) {
        return health.getOrDefault(app, AppHealth.OK);
    }

    public boolean nodeUp(String nodeId) {
        NodeView n = nodes.get(nodeId);
        return n != null && n.up();
    }
}
