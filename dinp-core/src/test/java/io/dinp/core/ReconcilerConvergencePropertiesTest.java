package io.dinp.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.dinp.model.AppSpec;
import io.dinp.model.AppStatus;
import io.dinp.model.Instance;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Guards liveness by simulating 500 seeded worlds forward (plan, apply, agents start what was placed,
 * one second passes): every world settles, exactly as desired when capacity suffices, and never flaps.
 */
class ReconcilerConvergencePropertiesTest {
    /** Backoff is capped at 60 s and a rollout of 8 takes ~3 passes per instance: 150 one-second steps is plenty. */
    private static final int MAX_STEPS = 150;

    static LongStream seeds() {
        return RandomWorld.seeds(500);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void withEnoughCapacityEveryAppEndsExactlyAsDesired(long seed) {
        assertConverges(RandomWorld.ample(seed));
    }

    /** The rules must not lean on the defaults: a wider surge and a longer drain converge too. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void otherSettingsConvergeToo(long seed) {
        assertConverges(RandomWorld.ample(seed, new ReconcileSettings(Duration.ofSeconds(5), 2, Duration.ofSeconds(2), Duration.ofSeconds(30))));
    }

    private static void assertConverges(RandomWorld w) {
        String start = w.toString();
        Plan last = settle(w);
        Supplier<String> ctx = () -> "settled but not converged\nstart: " + start + "end: " + w + RandomWorld.describe(last);
        assertThat(w.instances).as(ctx).allMatch(i -> w.apps.containsKey(i.app()));
        for (AppSpec app : w.apps.values()) {
            List<Instance> mine = w.instances.stream().filter(i -> i.app().equals(app.name())).toList();
            assertThat(mine).as(ctx).hasSize(app.instances())
                    .allMatch(Instance::isServing)
                    .allMatch(i -> i.spec().specHash().equals(app.specHash()));
            assertThat(last.status().get(app.name()).state()).as(ctx).isIn("running", "stopped");
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void withScarceCapacityTheWorldSettlesWithoutFlappingAndSaysWhy(long seed) {
        RandomWorld w = RandomWorld.random(seed);
        String start = w.toString();
        Plan last = settle(w);
        for (AppSpec app : w.apps.values()) {
            long good = w.instances.stream().filter(i -> i.app().equals(app.name())
                    && i.spec().specHash().equals(app.specHash())).count();
            AppStatus st = last.status().get(app.name());
            if (good != app.instances()) {
                assertThat(st.state()).as(() -> "short app " + app.name() + " says " + st + "\nstart: " + start + "end: " + w)
                        .isIn("pending", "failing", "crashing", "rolling-back");
            }
        }
    }

    /**
     * Runs plan → apply → tick until a pass changes nothing, wakes nobody and every instance serves (the
     * controller would sleep for good), checking every pass's safety and that nothing placed is ever
     * drained or stopped again (in this static world nothing fails, so that would be flapping).
     */
    private static Plan settle(RandomWorld w) {
        String start = w.toString();
        Set<String> placed = new HashSet<>();
        for (int step = 0; step < MAX_STEPS; step++) {
            Plan p = w.simulatedPlan();
            int at = step;
            Supplier<String> ctx = () -> "start: " + start + "step " + at + ": " + w + RandomWorld.describe(p);
            PlanInvariants.all(w, p, ctx);
            assertThat(PlanInvariants.retired(p)).as(() -> "placed then retired (flapping)\n" + ctx.get())
                    .noneMatch(placed::contains);
            if (!p.changesAssignments() && p.nextWakeup() == null && w.instances.stream().allMatch(Instance::isServing)) {
                return p;
            }
            w.apply(p);
            p.place().forEach(s -> placed.add(s.id()));
            w.tick();
        }
        return fail("did not settle in " + MAX_STEPS + " steps\nstart: " + start + "end: " + w);
    }
}
