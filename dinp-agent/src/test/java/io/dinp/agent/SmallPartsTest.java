package io.dinp.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dinp.model.Assignment;
import io.dinp.model.ContainerState;
import io.dinp.model.InstanceSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SmallPartsTest {

    @Test
    void imageRefsSplitIntoRepositoryAndTag() {
        assertThat(ImageRef.parse("busybox")).isEqualTo(new ImageRef("busybox", "latest"));
        assertThat(ImageRef.parse("dinp-test/hello:v1")).isEqualTo(new ImageRef("dinp-test/hello", "v1"));
        assertThat(ImageRef.parse("registry:5000/team/app")).isEqualTo(new ImageRef("registry:5000/team/app", "latest"));
        assertThat(ImageRef.parse("registry:5000/team/app:1.2")).isEqualTo(new ImageRef("registry:5000/team/app", "1.2"));
        assertThat(ImageRef.parse("app@sha256:abc")).isEqualTo(new ImageRef("app", "sha256:abc"));
    }

    @Test
    void meminfoTotalIsReadInMib() {
        assertThat(HostMemory.totalMb("MemTotal:       24683784 kB\nMemFree:  1 kB\n")).isEqualTo(24105);
        assertThatThrownBy(() -> HostMemory.totalMb("MemFree: 1 kB\n")).hasMessageContaining("MemTotal");
    }

    @Test
    void dockerStatusesMapToDinpStates() {
        assertThat(ContainerObserver.state("created")).isEqualTo(ContainerState.CREATING);
        assertThat(ContainerObserver.state("running")).isEqualTo(ContainerState.RUNNING);
        assertThat(ContainerObserver.state("restarting")).isEqualTo(ContainerState.RUNNING);
        assertThat(ContainerObserver.state("exited")).isEqualTo(ContainerState.EXITED);
        assertThat(ContainerObserver.state("dead")).isEqualTo(ContainerState.EXITED);
        assertThat(ContainerObserver.state("removing")).isEqualTo(ContainerState.EXITED);
    }

    @Test
    void exitErrorsSayWhatHappened() {
        assertThat(ContainerObserver.error(ContainerState.RUNNING, null, false, null, 64)).isNull();
        assertThat(ContainerObserver.error(ContainerState.EXITED, 1, false, "", 64)).isEqualTo("exited with code 1");
        assertThat(ContainerObserver.error(ContainerState.EXITED, 137, true, "", 64)).contains("out of memory", "64 MB");
        assertThat(ContainerObserver.error(ContainerState.EXITED, 127, false, "exec: not found", 64))
                .isEqualTo("exited with code 127: exec: not found");
    }

    @Test
    void platformEnvComesFirstAndCannotBeOverridden() {
        InstanceSpec spec = new InstanceSpec("i1", "hello", "n", "img", 64,
                Map.of("B", "2", "A", "1", "PORT", "9999"), "h");
        assertThat(ContainerLauncher.env(spec, Map.of()))
                .containsExactly("PORT=8080", "DINP_APP=hello", "DINP_INSTANCE=i1", "A=1", "B=2");
        assertThat(ContainerLauncher.env(spec, Map.of("S", "opened", "PORT", "1", "A", "not-twice")))
                .containsExactly("PORT=8080", "DINP_APP=hello", "DINP_INSTANCE=i1", "A=1", "B=2", "S=opened");
    }

    @Test
    void assignmentsAreNewerByVersionOrByAnyEpochChange() {
        Assignment v1 = new Assignment("n", "e1", 1, List.of());
        assertThat(Agent.isNewer(v1, null)).isTrue();
        assertThat(Agent.isNewer(new Assignment("n", "e1", 2, List.of()), v1)).isTrue();
        assertThat(Agent.isNewer(new Assignment("n", "e1", 1, List.of()), v1)).isFalse();
        assertThat(Agent.isNewer(new Assignment("n", "e1", 0, List.of()), v1)).isFalse();
        assertThat(Agent.isNewer(new Assignment("n", "e2", 0, List.of()), v1)).isTrue();
    }

    @Test
    void aHigherTermAlwaysWinsAndALowerOneNever() {
        Assignment t3 = new Assignment("n", "e3", 5, List.of(), 3);
        assertThat(Agent.isNewer(new Assignment("n", "e4", 0, List.of(), 4), t3)).isTrue();
        assertThat(Agent.isNewer(new Assignment("n", "e2", 9, List.of(), 2), t3)).as("deposed leader, new epoch").isFalse();
        assertThat(Agent.isNewer(new Assignment("n", "e3", 6, List.of(), 2), t3)).as("lower term, higher version").isFalse();
        assertThat(Agent.isNewer(new Assignment("n", "e3", 6, List.of(), 3), t3)).isTrue();
        assertThat(Agent.isNewer(new Assignment("n", "e5", 0, List.of(), 3), t3)).as("same term, new run").isTrue();
        assertThat(Agent.isNewer(t3, new Assignment("n", "e1", 1, List.of()))).as("after a single server").isTrue();
    }

    @Test
    void configFillsDefaultsAndRejectsBadNodeIds() {
        AgentConfig c = AgentConfig.of("node-1").withMemoryMb(2048);
        assertThat(c.address()).isEqualTo("127.0.0.1");
        assertThat(c.dockerHost()).isEqualTo("unix:///var/run/docker.sock");
        assertThat(c.bindIp()).isEqualTo("0.0.0.0");
        assertThat(c.heartbeat()).isEqualTo(Duration.ofSeconds(1));
        assertThat(c.stopTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.memoryMb()).isEqualTo(2048);
        assertThatThrownBy(() -> AgentConfig.of("bad node")).hasMessageContaining("nodeId");
        assertThatThrownBy(() -> AgentConfig.of("n").withHeartbeat(Duration.ZERO)).hasMessageContaining("heartbeat");
    }
}
