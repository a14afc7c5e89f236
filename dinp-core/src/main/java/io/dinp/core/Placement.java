package io.dinp.core;

import io.dinp.model.NodeView;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Memory-aware placement with reservation: every instance assigned — running, starting, draining
 * or placed earlier in the same pass — counts against its node at once, so nothing over-commits.
 * Among the nodes that fit, the one with the fewest instances of the app wins (spread), then
 * the least allocated one, then the node id (determinism).
 *
 * <p>Nodes are kept ordered by (allocated, id), so a placement walks from the least allocated node
 * and takes the first that fits and holds none of the app: it skips at most the app's own nodes
 * and those too full, instead of weighing every node (10,000 nodes x 100,000 instances).
 */
final class Placement {
    private final Map<String, NodeView> nodes;
    private final Map<String, Integer> reservedMb = new HashMap<>();
    private final Map<String, Map<String, Integer>> appCount = new HashMap<>();
    private final Comparator<String> byLoad = Comparator.<String>comparingDouble(this::allocated)
            .thenComparing(Comparator.naturalOrder());
    /** The nodes by (allocated, id); built at the first placement, as a converged pass places nothing. */
    private TreeSet<String> ordered;

    Placement(Map<String, NodeView> upNodes) {
        this.nodes = upNodes;
    }

    void reserve(String node, String app, int memoryMb) {
        // the order depends on the reservation: take the node out while it changes
        boolean indexed = ordered != null && nodes.containsKey(node) && ordered.remove(node);
        reservedMb.merge(node, memoryMb, Integer::sum);
        appCount.computeIfAbsent(app, a -> new HashMap<>()).merge(node, 1, Integer::sum);
        if (indexed) {
            ordered.add(node);
        }
    }

    int free(String node) {
        return nodes.get(node).memoryMb() - reservedMb.getOrDefault(node, 0);
    }

    /** The node for one more instance of {@code app}, reserved already; empty when none fits. */
    Optional<String> place(String app, int memoryMb) {
        if (ordered == null) {
            ordered = new TreeSet<>(byLoad);
            ordered.addAll(nodes.keySet());
        }
        Map<String, Integer> counts = appCount.getOrDefault(app, Map.of());
        String best = null;
        // A fitting node without the app beats any with it; the first in load order is the least allocated.
        for (String n : ordered) {
            if (!counts.containsKey(n) && free(n) >= memoryMb) {
                best = n;
                break;
            }
        }
        if (best == null) {
            // every node that fits holds the app already: fewest of it, then least allocated, then id
            best = counts.keySet().stream()
                    .filter(n -> nodes.containsKey(n) && free(n) >= memoryMb)
                    .min(Comparator.<String>comparingInt(counts::get).thenComparing(byLoad))
                    .orElse(null);
        }
        if (best != null) {
            reserve(best, app, memoryMb);
        }
        return Optional.ofNullable(best);
    }

    private double allocated(String node) {
        NodeView n = nodes.get(node);
        return n.memoryMb() == 0 ? 1.0 : reservedMb.getOrDefault(node, 0) / (double) n.memoryMb();
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
