package io.dinp.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.dinp.model.AppHealth;
import io.dinp.model.AppSpec;
import io.dinp.model.AppStatus;
import io.dinp.model.Instance;
import io.dinp.model.InstanceSpec;
import java.time.Instant;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Guards the single-pass safety of the reconciler on 1000 seeded random worlds: memory, placement, drain-before-stop, statuses. */
class ReconcilerSafetyPropertiesTest {
    private static final Set<String> STATES = Set.of("running", "starting", "deploying", "pending", "failing", "crashing", "rolling-back", "stopped", "scaling");

    static LongStream seeds() {
        return RandomWorld.seeds(1000);
    }

    private record Case(RandomWorld world, ClusterSnapshot snapshot, Plan plan, Supplier<String> ctx) {
    }

    private static Case run(long seed) {
        RandomWorld w = RandomWorld.random(seed);
        Plan p = w.plan();
        return new Case(w, w.snapshot(), p, () -> w + RandomWorld.describe(p));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void noUpNodeIsOverCommitted(long seed) {
        Case c = run(seed);
        PlanInvariants.noOverCommit(c.world(), c.plan(), c.ctx());
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void placementsGoToUpNodesWithFreshIdsAndTheCurrentSpec(long seed) {
        Case c = run(seed);
        PlanInvariants.placementsValid(c.world(), c.plan(), c.ctx());
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void servingInstancesLeaveThroughTheDrainWhileDeadAndLostOnesStop(long seed) {
        Case c = run(seed);
        PlanInvariants.servingLeaveThroughDrain(c.world(), c.plan(), c.ctx());
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void everyDesiredAppAndOnlyThoseGetASaneStatus(long seed) {
        Case c = run(seed);
        assertThat(c.plan().status().keySet()).as(c.ctx()).isEqualTo(c.snapshot().apps().keySet());
        for (AppSpec app : c.snapshot().apps().values()) {
            AppStatus st = c.plan().status().get(app.name());
            Supplier<String> where = () -> app.name() + " " + st + "\n" + c.ctx().get();
            assertThat(st.state()).as(where).isIn(STATES);
            assertThat(st.desired()).as(where).isEqualTo(app.instances());
            assertThat(st.running()).as(where).isBetween(0, app.instances());
            assertThat(st.running()).as(where).isLessThanOrEqualTo(st.total());
            if (st.state().equals("running")) {
                // "running" means nothing is left to do for the app but clearing away the dead and drained
                assertThat(c.plan().place()).as(where).noneMatch(i -> i.app().equals(app.name()));
                assertThat(c.snapshot().instances().stream().filter(i -> i.app().equals(app.name()) && !i.isDead()
                        && !i.isDraining() && c.snapshot().nodeUp(i.node())).map(Instance::id))
                        .as(where).noneMatch(PlanInvariants.retired(c.plan())::contains);
            }
            if (st.state().equals("stopped")) {
                assertThat(app.instances()).as(where).isZero();
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void backoffIsRespectedAndWakeupsLieAhead(long seed) {
        Case c = run(seed);
        Instant now = c.world().now;
        for (InstanceSpec placed : c.plan().place()) {
            AppHealth h = c.plan().health().getOrDefault(placed.app(), c.snapshot().health(placed.app()));
            assertThat(h.nextPlacementAt()).as(() -> "placed during backoff: " + placed.app() + "\n" + c.ctx().get())
                    .isBeforeOrEqualTo(now);
        }
        if (c.plan().nextWakeup() != null) {
            assertThat(c.plan().nextWakeup()).as(c.ctx()).isAfter(now);
        }
    }
}
