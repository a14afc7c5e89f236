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
    private final Map<String, Slot> slots = new HashMap<>();
    private final Map<String, Map<String, Integer>> appCount = new HashMap<>();
    /** The nodes by (allocated, id); built at the first placement, as a converged pass places nothing. */
    private TreeSet<Slot> ordered;

    /** One up node's capacity and what is reserved on it: read by the order without a map lookup. */
    private static final class Slot {
        final String id;
        final int memoryMb;
        int reservedMb;

        Slot(String id, int memoryMb) {
            this.id = id;
            this.memoryMb = memoryMb;
        }

        int free() {
            return memoryMb - reservedMb;
        }

        double allocated() {
            return memoryMb == 0 ? 1.0 : reservedMb / (double) memoryMb;
        }
    }

    private static int byLoad(Slot a, Slot b) {
        int c = Double.compare(a.allocated(), b.allocated());
        return c != 0 ? c : a.id.compareTo(b.id);
    }

    Placement(Map<String, NodeView> upNodes) {
        upNodes.values().forEach(n -> slots.put(n.id(), new Slot(n.id(), n.memoryMb())));
    }

    void reserve(String node, String app, int memoryMb) {
        appCount.computeIfAbsent(app, a -> new HashMap<>()).merge(node, 1, Integer::sum);
        Slot s = slots.get(node);
        if (s == null) {
            return; // not up: nothing is placed there, only the app's count matters
        }
        // the order depends on the reservation: take the node out while it changes
        boolean indexed = ordered != null && ordered.remove(s);
        s.reservedMb += memoryMb;
        if (indexed) {
            ordered.add(s);
        }
    }

    /** The node for one more instance of {@code app}, reserved already; empty when none fits. */
    Optional<String> place(String app, int memoryMb) {
        if (ordered == null) {
            ordered = new TreeSet<>(Placement::byLoad);
            ordered.addAll(slots.values());
        }
        Map<String, Integer> counts = appCount.getOrDefault(app, Map.of());
        Slot best = null;
        // A fitting node without the app beats any with it; the first in load order is the least allocated.
        for (Slot s : ordered) {
            if (s.free() >= memoryMb && !counts.containsKey(s.id)) {
                best = s;
                break;
            }
        }
        if (best == null) {
            // every node that fits holds the app already: fewest of it, then least allocated, then id
            best = counts.keySet().stream().map(slots::get)
                    .filter(s -> s != null && s.free() >= memoryMb)
                    .min(Comparator.<Slot>comparingInt(s -> counts.get(s.id)).thenComparing(Placement::byLoad))
                    .orElse(null);
        }
        if (best == null) {
            return Optional.empty();
        }
        reserve(best.id, app, memoryMb);
        return Optional.of(best.id);
    }

    /** The reason shown when nothing fits. */
    String insufficient(int memoryMb) {
        if (slots.isEmpty()) {
            return "no nodes available (no agent has reported)";
        }
        int largest = slots.values().stream().mapToInt(Slot::free).max().orElse(0);
        return "insufficient memory (needs " + memoryMb + " MB, largest free " + Math.max(largest, 0) + " MB)";
    }

    int appCountOn(String app, String node) {
        return appCount.getOrDefault(app, Map.of()).getOrDefault(node, 0);
    }
}
