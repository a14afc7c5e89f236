package io.dinp.core;

import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Guards rollout and scaling safety on 1000 seeded random worlds: capacity to serve never drops, surge stays bounded. */
class ReconcilerRolloutPropertiesTest {

    static LongStream seeds() {
        return RandomWorld.seeds(1000);
    }

    /** The exact bounds are stated on {@link PlanInvariants#rolloutSafe}. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void servingNeverDropsBelowDesiredAndTheSurgeStaysBounded(long seed) {
        RandomWorld w = RandomWorld.random(seed);
        Plan p = w.plan();
        PlanInvariants.rolloutSafe(w, p, () -> w + RandomWorld.describe(p));
    }

    /** Rollouts are where the rule bites: half the apps changed spec, the worlds are roomy enough to place. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void roomyWorldsMidRolloutStaySafe(long seed) {
        RandomWorld w = RandomWorld.ample(seed);
        Plan p = w.plan();
        PlanInvariants.rolloutSafe(w, p, () -> w + RandomWorld.describe(p));
    }
}
