package io.dinp.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.dinp.agent.ConvergeAction.Create;
import io.dinp.agent.ConvergeAction.Remove;
import io.dinp.model.ContainerReport;
import io.dinp.model.ContainerState;
import io.dinp.model.InstanceSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Safety properties of the Converger over many random worlds (seeded, so a failure replays):
 * what it must never do, whatever the mix of assignments, containers and history.
 */
class ConvergerPropertiesTest {
    private static final String NODE = Fixtures.NODE;
    private static final List<String> IDS = List.of("i0", "i1", "i2", "i3", "i4", "i5");
    private static final ContainerState[] STATES = {ContainerState.CREATING, ContainerState.RUNNING, ContainerState.EXITED};

    record World(List<InstanceSpec> assigned, List<ObservedContainer> observed, Set<String> started) {
    }

    static Stream<World> worlds() {
        Random random = new Random(20150101);
        return Stream.generate(() -> world(random)).limit(500);
    }

    private static World world(Random r) {
        List<InstanceSpec> assigned = new ArrayList<>();
        for (int i = r.nextInt(7); i > 0; i--) {
            assigned.add(Fixtures.spec(pick(r, IDS)));
        }
        // one container per node and instance, as Docker's unique names make it
        Map<String, ObservedContainer> observed = new LinkedHashMap<>();
        for (int i = r.nextInt(9); i > 0; i--) {
            String node = r.nextBoolean() ? NODE : Fixtures.OTHER_NODE;
            String id = pick(r, IDS);
            ContainerState state = STATES[r.nextInt(STATES.length)];
            observed.put(node + "/" + id, new ObservedContainer(node, new ContainerReport(id, "hello", "h",
                    node + "/" + id, "img", 64, state, 0, false, null, null)));
        }
        Set<String> started = new HashSet<>();
        for (int i = r.nextInt(4); i > 0; i--) {
            started.add(pick(r, IDS));
        }
        return new World(assigned, List.copyOf(observed.values()), started);
    }

    private static String pick(Random r, List<String> from) {
        return from.get(r.nextInt(from.size()));
    }

    @ParameterizedTest
    @MethodSource("worlds")
    void removesOnlyUnassignedContainersOfItsOwnNode(World w) {
        Set<String> assigned = w.assigned().stream().map(InstanceSpec::id).collect(Collectors.toSet());
        Set<String> ours = w.observed().stream().filter(c -> NODE.equals(c.nodeId()))
                .map(ObservedContainer::containerId).collect(Collectors.toSet());
        for (ConvergeAction a : plan(w)) {
            if (a instanceof Remove r) {
                assertThat(ours).contains(r.containerId());
                assertThat(assigned).doesNotContain(r.instanceId());
            }
        }
    }

    @ParameterizedTest
    @MethodSource("worlds")
    void createsOnlyAssignedInstancesThatNeverExistedHere(World w) {
        Set<String> assigned = w.assigned().stream().map(InstanceSpec::id).collect(Collectors.toSet());
        Set<String> existing = w.observed().stream().filter(c -> NODE.equals(c.nodeId()))
                .map(ObservedContainer::instanceId).collect(Collectors.toSet());
        List<String> created = plan(w).stream().filter(a -> a instanceof Create)
                .map(a -> ((Create) a).spec().id()).toList();
        assertThat(created).doesNotHaveDuplicates()
                .allMatch(assigned::contains)
                .noneMatch(existing::contains)
                .noneMatch(w.started()::contains);
    }

    @ParameterizedTest
    @MethodSource("worlds")
    void afterThePlanIsAppliedNothingIsLeftToDo(World w) {
        Set<String> removed = new HashSet<>();
        Set<String> started = new HashSet<>(w.started());
        for (ConvergeAction a : plan(w)) {
            switch (a) {
                case Create c -> started.add(c.spec().id());
                case Remove r -> removed.add(r.containerId());
            }
        }
        List<ObservedContainer> after = w.observed().stream().filter(c -> !removed.contains(c.containerId())).toList();
        assertThat(Converger.plan(NODE, w.assigned(), after, started)).isEmpty();
    }

    private static List<ConvergeAction> plan(World w) {
        return Converger.plan(NODE, w.assigned(), w.observed(), w.started());
    }
}
