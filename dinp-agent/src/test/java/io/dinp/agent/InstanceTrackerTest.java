package io.dinp.agent;

import static io.dinp.agent.Fixtures.spec;
import static org.assertj.core.api.Assertions.assertThat;

import io.dinp.agent.LocalInstance.Phase;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InstanceTrackerTest {
    private final InstanceTracker tracker = new InstanceTracker();

    @Test
    void anInstanceIsBegunOnlyOnce() {
        assertThat(tracker.beginCreate(spec("i1"))).isTrue();
        assertThat(tracker.beginCreate(spec("i1"))).isFalse();
        tracker.failed("i1", "boom");
        assertThat(tracker.beginCreate(spec("i1"))).isFalse();
        assertThat(tracker.startedIds()).containsExactly("i1");
    }

    @Test
    void phasesFollowTheWork() {
        tracker.beginCreate(spec("i1"));
        assertThat(tracker.snapshot().instances().get("i1").phase()).isEqualTo(Phase.CREATING);
        tracker.created("i1", "c1");
        LocalInstance started = tracker.snapshot().instances().get("i1");
        assertThat(started.phase()).isEqualTo(Phase.STARTED);
        assertThat(started.containerId()).isEqualTo("c1");
    }

    @Test
    void aRemovalIsBegunOnceAndForgetsTheInstanceWhenDone() {
        tracker.beginCreate(spec("i1"));
        tracker.created("i1", "c1");
        assertThat(tracker.beginRemove("i1")).isTrue();
        assertThat(tracker.beginRemove("i1")).isFalse();
        assertThat(tracker.snapshot().removing()).containsExactly("i1");
        tracker.removeFinished("i1", "c1", true);
        assertThat(tracker.snapshot().removing()).isEmpty();
        assertThat(tracker.startedIds()).isEmpty();
    }

    @Test
    void aFailedRemovalKeepsTheInstanceAndMayBeRetried() {
        tracker.beginCreate(spec("i1"));
        tracker.beginRemove("i1");
        tracker.removeFinished("i1", "c1", false);
        assertThat(tracker.startedIds()).containsExactly("i1");
        assertThat(tracker.beginRemove("i1")).isTrue();
    }

    @Test
    void aContainerIsProbedOnceAndRemembersTheOutcome() {
        assertThat(tracker.beginProbe("c1")).isTrue();
        assertThat(tracker.beginProbe("c1")).isFalse();
        assertThat(tracker.isProbing("c1")).isTrue();
        tracker.probeFinished("c1", null);
        assertThat(tracker.snapshot().readyContainers()).containsExactly("c1");
        assertThat(tracker.beginProbe("c1")).isFalse();

        tracker.beginProbe("c2");
        tracker.probeFinished("c2", "no answer");
        assertThat(tracker.snapshot().probeErrors()).containsEntry("c2", "no answer");
        assertThat(tracker.beginProbe("c2")).isFalse();
    }

    @Test
    void pruneForgetsFinishedWorkThatLeftTheAssignmentOnly() {
        tracker.beginCreate(spec("creating"));
        tracker.beginCreate(spec("failed"));
        tracker.failed("failed", "boom");
        tracker.beginCreate(spec("gone"));
        tracker.created("gone", "c-gone");
        tracker.beginCreate(spec("assigned"));
        tracker.created("assigned", "c-assigned");
        tracker.beginProbe("c-stale");
        tracker.probeFinished("c-stale", null);

        tracker.prune(Set.of("assigned"), Set.of(), Set.of());

        assertThat(tracker.startedIds()).containsExactlyInAnyOrder("creating", "assigned");
        assertThat(tracker.snapshot().readyContainers()).isEmpty();
    }

    @Test
    void pruneStopsProbesOfContainersThatNoLongerExist() {
        tracker.beginProbe("c1");
        tracker.prune(Set.of(), Set.of(), Set.of());
        assertThat(tracker.isProbing("c1")).isFalse();
        tracker.probeFinished("c1", null);
        assertThat(tracker.snapshot().readyContainers()).isEmpty();
    }
}
