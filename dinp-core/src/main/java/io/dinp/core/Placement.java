package io.dinp.core;

import io.dinp.model.NodeView;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Memory-aware placement with reservation: every instance assigned — running, starting, draining
 * or placed earlier in the same pass — counts against its node at once, so nothing over-commits.
 * Among the nodes that fit, the one with the fewest instances of the app wins (spread), then
 * the least allocated one, then the node id (determinism).
 */
final class Placement {
    private final Map<String, NodeView> nodes;
    private final Map<String, Integer> reservedMb = new HashMap<>();
    private final Map<String, Map<String, Integer>> appCount = new HashMap<>();

    Placement(Map<String, NodeView> upNodes) {
        this.nodes = upNodes;
    }

    void reserve(String node, String app, int memoryMb) {
        reservedMb.merge(node, memoryMb, Integer::sum);
        appCount.computeIfAbsent(app, a -> new HashMap<>()).merge(node, 1, Integer::sum);
    }

    int free(String node) {
        return nodes.get(node).memoryMb() - reservedMb.getOrDefault(node, 0);
    }

    /** The node for one more instance of {@code app}, reserved already; empty when none fits. */
    Optional<String> place(String app, int memoryMb) {
        Map<String, Integer> counts = appCount.getOrDefault(app, Map.of());
        Optional<NodeView> best = nodes.values().stream()
                .filter(n -> free(n.id()) >= memoryMb)
                .min(Comparator.<NodeView>comparingInt(n -> counts.getOrDefault(n.id(), 0))
                        .thenComparingDouble(n -> allocated(n))
                        .thenComparing(NodeView::id));
        best.ifPresent(n -> reserve(n.id(), app, memoryMb));
        return best.map(NodeView::id);
    }

    private double allocated(NodeView n) {
        return n.memoryMb() == 0 ? 1.0 : reservedMb.getOrDefault(n.id(), 0) / (double) n.memoryMb();
    }

    /** The reason shown when nothing fits. */
    String insufficient(int memoryMb) {
        if (nodes.isEmpty()) {
            return "no nodes available (no agent has reported)";
        }
        int largest = nodes.keySet().stream().mapToInt(this::free).max().orElse(0);
        return "insufficient memory (needs " + memoryMb + " MB, largest free " + Math.max(largest, 0) + " MB)";
    }

    int appCountOn(String app, String node) {
        return appCount.getOrDefault(app, Map.of()).getOrDefault(node, 0);
    }
}
