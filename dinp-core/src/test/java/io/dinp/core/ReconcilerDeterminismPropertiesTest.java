package io.dinp.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Guards that the reconciler is a pure function of (snapshot, now, id sequence), and that re-planning an applied plan settles. */
class ReconcilerDeterminismPropertiesTest {

    static LongStream seeds() {
        return RandomWorld.seeds(1000);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void sameInputsGiveEqualPlans(long seed) {
        RandomWorld w = RandomWorld.random(seed);
        Reconciler r = new Reconciler(w.settings);
        Plan first = r.plan(w.snapshot(), w.now, Fixtures.ids());
        Plan second = new Reconciler(w.settings).plan(w.snapshot(), w.now, Fixtures.ids());
        assertThat(second).as(() -> w.toString()).isEqualTo(first);
        // the same content handed over in maps with another iteration order plans the same
        ClusterSnapshot reordered = new ClusterSnapshot(reversed(w.apps), new HashMap<>(w.nodes), w.instances, reversed(w.health));
        assertThat(r.plan(reordered, w.now, Fixtures.ids())).as(() -> w.toString()).isEqualTo(first);
    }

    /**
     * Applying a plan and planning again at the same instant (no agent progress, no time passing) settles
     * within a few passes, and never takes back what an earlier pass placed.
     */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void replanningAnAppliedPlanAtTheSameInstantSettles(long seed) {
        RandomWorld w = RandomWorld.random(seed);
        String start = w.toString();
        Set<String> placed = new HashSet<>();
        for (int pass = 0; pass < 4; pass++) {
            Plan p = w.simulatedPlan();
            String ctx = start + "pass " + pass + ": " + RandomWorld.describe(p);
            assertThat(PlanInvariants.retired(p)).as("placed then retired: " + ctx).noneMatch(placed::contains);
            if (!p.changesAssignments()) {
                return;
            }
            assertThat(pass).as("still changing assignments after 3 passes at one instant: " + ctx).isLessThan(3);
            p.place().forEach(s -> placed.add(s.id()));
            w.apply(p);
        }
    }

    private static <V> Map<String, V> reversed(Map<String, V> m) {
        Map<String, V> out = new LinkedHashMap<>();
        List<String> keys = new ArrayList<>(m.keySet());
        Collections.reverse(keys);
        keys.forEach(k -> out.put(k, m.get(k)));
        return out;
    }
}
