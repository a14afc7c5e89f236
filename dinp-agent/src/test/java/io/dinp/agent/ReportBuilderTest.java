package io.dinp.agent;

import static io.dinp.agent.Fixtures.NODE;
import static io.dinp.agent.Fixtures.OTHER_NODE;
import static io.dinp.agent.Fixtures.container;
import static io.dinp.agent.Fixtures.spec;
import static org.assertj.core.api.Assertions.assertThat;

import io.dinp.agent.LocalInstance.Phase;
import io.dinp.model.ContainerReport;
import io.dinp.model.ContainerState;
import io.dinp.model.NodeReport;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReportBuilderTest {

    private static NodeReport build(List<ObservedContainer> observed, LocalState local) {
        return ReportBuilder.build(NODE, "10.0.0.1", 4096, observed, local);
    }

    private static ContainerReport only(NodeReport r) {
        assertThat(r.containers()).hasSize(1);
        return r.containers().getFirst();
    }

    @Test
    void carriesTheNodeItself() {
        NodeReport r = build(List.of(), LocalState.empty());
        assertThat(r.nodeId()).isEqualTo(NODE);
        assertThat(r.address()).isEqualTo("10.0.0.1");
        assertThat(r.memoryMb()).isEqualTo(4096);
        assertThat(r.containers()).isEmpty();
    }

    @Test
    void runningContainerIsReadyOnlyOnceProbed() {
        var c = container("i1", ContainerState.RUNNING);
        assertThat(only(build(List.of(c), LocalState.empty())).ready()).isFalse();
        var probed = new LocalState(Map.of(), Set.of(), Set.of("c-i1"), Map.of());
        ContainerReport r = only(build(List.of(c), probed));
        assertThat(r.ready()).isTrue();
        assertThat(r.state()).isEqualTo(ContainerState.RUNNING);
        assertThat(r.hostPort()).isEqualTo(32000);
    }

    @Test
    void exitedContainerIsNeverReadyEvenIfItOnceWas() {
        var c = container("i1", ContainerState.EXITED);
        var probed = new LocalState(Map.of(), Set.of(), Set.of("c-i1"), Map.of());
        ContainerReport r = only(build(List.of(c), probed));
        assertThat(r.ready()).isFalse();
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.error()).isEqualTo("exited with code 1");
    }

    @Test
    void runningContainerWhoseProbeGaveUpSaysWhy() {
        var c = container("i1", ContainerState.RUNNING);
        var local = new LocalState(Map.of(), Set.of(), Set.of(), Map.of("c-i1", "did not accept connections"));
        assertThat(only(build(List.of(c), local)).error()).isEqualTo("did not accept connections");
    }

    @Test
    void containersOfOtherNodesAreLeftOut() {
        assertThat(build(List.of(container(OTHER_NODE, "x", ContainerState.RUNNING)), LocalState.empty()).containers())
                .isEmpty();
    }

    @Test
    void instanceBeingCreatedIsReportedCreating() {
        var local = new LocalState(Map.of("i1", new LocalInstance(spec("i1"), Phase.CREATING, null, null)),
                Set.of(), Set.of(), Map.of());
        ContainerReport r = only(build(List.of(), local));
        assertThat(r.instanceId()).isEqualTo("i1");
        assertThat(r.app()).isEqualTo("hello");
        assertThat(r.specHash()).isEqualTo("abc123");
        assertThat(r.state()).isEqualTo(ContainerState.CREATING);
        assertThat(r.ready()).isFalse();
    }

    @Test
    void failedInstanceIsReportedWithItsError() {
        var local = new LocalState(Map.of("i1", new LocalInstance(spec("i1"), Phase.FAILED, null, "image \"x\" not found")),
                Set.of(), Set.of(), Map.of());
        ContainerReport r = only(build(List.of(), local));
        assertThat(r.state()).isEqualTo(ContainerState.FAILED);
        assertThat(r.error()).isEqualTo("image \"x\" not found");
    }

    @Test
    void startedInstanceWhoseContainerVanishedIsGone() {
        var local = new LocalState(Map.of("i1", new LocalInstance(spec("i1"), Phase.STARTED, "c-i1", null)),
                Set.of(), Set.of("c-i1"), Map.of());
        ContainerReport r = only(build(List.of(), local));
        assertThat(r.state()).isEqualTo(ContainerState.GONE);
        assertThat(r.containerId()).isEqualTo("c-i1");
        assertThat(r.ready()).isFalse();
        assertThat(r.error()).contains("removed outside DINP");
    }

    @Test
    void ourOwnRemovalIsNotReportedAsGone() {
        var local = new LocalState(Map.of("i1", new LocalInstance(spec("i1"), Phase.STARTED, "c-i1", null)),
                Set.of("i1"), Set.of(), Map.of());
        assertThat(build(List.of(), local).containers()).isEmpty();
    }

    @Test
    void whatDockerShowsWinsOverWhatTheAgentRemembers() {
        // the snapshot said CREATING, but the container appeared before the listing
        var local = new LocalState(Map.of("i1", new LocalInstance(spec("i1"), Phase.CREATING, null, null)),
                Set.of(), Set.of(), Map.of());
        ContainerReport r = only(build(List.of(container("i1", ContainerState.RUNNING)), local));
        assertThat(r.state()).isEqualTo(ContainerState.RUNNING);
        assertThat(r.containerId()).isEqualTo("c-i1");
    }
}
