package io.dinp.agent;

import static io.dinp.agent.Fixtures.NODE;
import static io.dinp.agent.Fixtures.OTHER_NODE;
import static io.dinp.agent.Fixtures.container;
import static io.dinp.agent.Fixtures.spec;
import static org.assertj.core.api.Assertions.assertThat;

import io.dinp.agent.ConvergeAction.Create;
import io.dinp.agent.ConvergeAction.Remove;
import io.dinp.model.ContainerState;
import io.dinp.model.InstanceSpec;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ConvergerTest {

    @Test
    void nothingAssignedNothingObservedDoesNothing() {
        assertThat(Converger.plan(NODE, List.of(), List.of(), Set.of())).isEmpty();
    }

    @Test
    void assignedWithoutContainerIsCreated() {
        assertThat(Converger.plan(NODE, List.of(spec("i1"), spec("i2")), List.of(), Set.of()))
                .containsExactly(new Create(spec("i1")), new Create(spec("i2")));
    }

    @ParameterizedTest
    @EnumSource(value = ContainerState.class, names = {"CREATING", "RUNNING", "EXITED"})
    void assignedWithContainerInAnyStateIsLeftAlone(ContainerState state) {
        assertThat(Converger.plan(NODE, List.of(spec("i1")), List.of(container("i1", state)), Set.of())).isEmpty();
    }

    @Test
    void assignedAndAlreadyStartedByThisProcessIsNeverCreatedAgain() {
        // in flight, failed, or removed from outside: the server decides, the agent never retries an id
        assertThat(Converger.plan(NODE, List.of(spec("i1")), List.of(), Set.of("i1"))).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = ContainerState.class, names = {"CREATING", "RUNNING", "EXITED"})
    void unassignedContainerOfThisNodeIsRemovedInAnyState(ContainerState state) {
        assertThat(Converger.plan(NODE, List.of(), List.of(container("old", state)), Set.of()))
                .containsExactly(new Remove("c-old", "old"));
    }

    @Test
    void unassignedContainerIsRemovedEvenIfThisProcessStartedIt() {
        assertThat(Converger.plan(NODE, List.of(), List.of(container("i1", ContainerState.RUNNING)), Set.of("i1")))
                .containsExactly(new Remove("c-i1", "i1"));
    }

    @Test
    void containersOfAnotherNodeAreNeverTouched() {
        var theirs = container(OTHER_NODE, "x", ContainerState.RUNNING);
        assertThat(Converger.plan(NODE, List.of(), List.of(theirs), Set.of())).isEmpty();
    }

    @Test
    void containerOfAnotherNodeDoesNotSatisfyOurAssignment() {
        var theirs = container(OTHER_NODE, "i1", ContainerState.RUNNING);
        assertThat(Converger.plan(NODE, List.of(spec("i1")), List.of(theirs), Set.of()))
                .containsExactly(new Create(spec("i1")));
    }

    @Test
    void containerWithoutNodeLabelIsNotOurs() {
        var unlabelled = container(null, "x", ContainerState.RUNNING);
        assertThat(Converger.plan(NODE, List.of(), List.of(unlabelled), Set.of())).isEmpty();
    }

    @Test
    void specAddressedToAnotherNodeIsNotCreatedAndDoesNotProtectAContainer() {
        InstanceSpec elsewhere = new InstanceSpec("i1", "hello", OTHER_NODE, "img:1", 64, Map.of(), "h");
        assertThat(Converger.plan(NODE, List.of(elsewhere), List.of(), Set.of())).isEmpty();
        assertThat(Converger.plan(NODE, List.of(elsewhere), List.of(container("i1", ContainerState.RUNNING)), Set.of()))
                .containsExactly(new Remove("c-i1", "i1"));
    }

    @Test
    void specWithoutNodeCountsAsOurs() {
        InstanceSpec unaddressed = new InstanceSpec("i1", "hello", null, "img:1", 64, Map.of(), "h");
        assertThat(Converger.plan(NODE, List.of(unaddressed), List.of(), Set.of()))
                .containsExactly(new Create(unaddressed));
    }

    @Test
    void duplicateAssignedIdIsCreatedOnce() {
        assertThat(Converger.plan(NODE, List.of(spec("i1"), spec("i1")), List.of(), Set.of()))
                .containsExactly(new Create(spec("i1")));
    }

    @Test
    void mixedWorldGetsCreatesFirstThenRemoves() {
        var actions = Converger.plan(NODE,
                List.of(spec("keep"), spec("new"), spec("inflight")),
                List.of(container("keep", ContainerState.RUNNING), container("old", ContainerState.EXITED),
                        container(OTHER_NODE, "foreign", ContainerState.RUNNING)),
                Set.of("inflight", "keep"));
        assertThat(actions).containsExactly(new Create(spec("new")), new Remove("c-old", "old"));
    }
}
