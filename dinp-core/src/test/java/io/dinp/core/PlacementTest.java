package io.dinp.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.dinp.model.NodeView;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Placement's rule (fits, then fewest of the app, then least allocated, then id), and its ordered index against the plain rule. */
class PlacementTest {

    @Test
    void spreadBeatsAllocation() {
        Placement p = new Placement(nodes(Map.of("a", 1000, "b", 1000)));
        p.reserve("b", "other", 900);
        p.reserve("a", "web", 100);
        assertThat(p.place("web", 100)).contains("b");
    }

    @Test
    void leastAllocatedThenIdAmongNodesWithoutTheApp() {
        Placement p = new Placement(nodes(Map.of("a", 1000, "b", 1000, "c", 2000)));
        p.reserve("a", "other", 500);
        p.reserve("c", "other", 500);
        assertThat(p.place("web", 100)).contains("b");
        assertThat(p.place("web", 100)).contains("c"); // 25% allocated beats a's 50%
        assertThat(p.place("web", 100)).contains("a");
        assertThat(p.place("api", 100)).contains("b"); // b at 10% beats c at 30%
    }

    @Test
    void whenEveryFittingNodeHoldsTheAppTheFewestWins() {
        Placement p = new Placement(nodes(Map.of("a", 1000, "b", 1000, "c", 100)));
        p.reserve("a", "web", 100);
        p.reserve("a", "web", 100);
        p.reserve("b", "web", 100);
        p.reserve("c", "other", 100); // c has no web but no room
        assertThat(p.place("web", 100)).contains("b");
        assertThat(p.place("web", 100)).contains("a"); // 2 each, both 20% allocated: the id decides
    }

    @Test
    void nothingFits() {
        Placement p = new Placement(nodes(Map.of("a", 100)));
        assertThat(p.place("web", 200)).isEmpty();
        assertThat(p.insufficient(200)).contains("largest free 100 MB");
        assertThat(new Placement(Map.of()).place("web", 1)).isEmpty();
    }

    static LongStream seeds() {
        return LongStream.range(0, 300);
    }

    /** The ordered walk picks exactly the node the plain rule picks, over random clusters and sequences. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void choosesWhatWeighingEveryNodeChooses(long seed) {
        Random rnd = new Random(seed);
        Map<String, Integer> sizes = new LinkedHashMap<>();
        int n = 1 + rnd.nextInt(12);
        for (int i = 0; i < n; i++) {
            int[] choices = {0, 256, 512, 1024, 1024, 2048, 4096};
            sizes.put("n" + rnd.nextInt(20), choices[rnd.nextInt(choices.length)]);
        }
        Map<String, NodeView> up = nodes(sizes);
        Placement fast = new Placement(up);
        Reference slow = new Reference(up);
        int apps = 1 + rnd.nextInt(5);
        for (int step = 0; step < 60; step++) {
            String app = "app" + rnd.nextInt(apps);
            int mem = 64 << rnd.nextInt(4);
            if (rnd.nextInt(4) == 0) {
                String node = up.keySet().stream().skip(rnd.nextInt(up.size())).findFirst().orElseThrow();
                fast.reserve(node, app, mem);
                slow.reserve(node, app, mem);
            } else {
                assertThat(fast.place(app, mem)).as("seed %d step %d", seed, step).isEqualTo(slow.place(app, mem));
            }
        }
    }

    /** The rule as first written: weigh every node that fits. */
    private static final class Reference {
        private final Map<String, NodeView> nodes;
        private final Map<String, Integer> reserved = new HashMap<>();
        private final Map<String, Map<String, Integer>> counts = new HashMap<>();

        Reference(Map<String, NodeView> nodes) {
            this.nodes = nodes;
        }

        void reserve(String node, String app, int mb) {
            reserved.merge(node, mb, Integer::sum);
            counts.computeIfAbsent(app, a -> new HashMap<>()).merge(node, 1, Integer::sum);
        }

        Optional<String> place(String app, int mb) {
            Map<String, Integer> c = counts.getOrDefault(app, Map.of());
            Optional<NodeView> best = nodes.values().stream()
                    .filter(n -> n.memoryMb() - reserved.getOrDefault(n.id(), 0) >= mb)
                    .min(Comparator.<NodeView>comparingInt(n -> c.getOrDefault(n.id(), 0))
                            .thenComparingDouble(n -> n.memoryMb() == 0 ? 1.0
                                    : reserved.getOrDefault(n.id(), 0) / (double) n.memoryMb())
                            .thenComparing(NodeView::id));
            best.ifPresent(n -> reserve(n.id(), app, mb));
            return best.map(NodeView::id);
        }
    }

    private static Map<String, NodeView> nodes(Map<String, Integer> sizes) {
        Map<String, NodeView> m = new HashMap<>();
        sizes.forEach((id, mb) -> m.put(id, new NodeView(id, "10.0.0.1", mb, Instant.EPOCH, true)));
        return m;
    }
}
