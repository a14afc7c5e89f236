package io.dinp.agent;

import io.dinp.model.ContainerReport;
import io.dinp.model.ContainerState;
import io.dinp.model.InstanceSpec;
import java.util.Map;

/** Small builders for specs and observed containers shared by the unit tests. */
final class Fixtures {
    static final String NODE = "node-a";
    static final String OTHER_NODE = "node-b";

    private Fixtures() {
    }

    static InstanceSpec spec(String id) {
        return new InstanceSpec(id, "hello", NODE, "dinp-test/hello:v1", 64, Map.of("GREETING", "hi"), "abc123");
    }

    static ObservedContainer container(String node, String instanceId, ContainerState state) {
        return new ObservedContainer(node, new ContainerReport(instanceId, "hello", "abc123", "c-" + instanceId,
                "dinp-test/hello:v1", 64, state, state == ContainerState.RUNNING ? 32000 : 0, false,
                state == ContainerState.EXITED ? 1 : null, state == ContainerState.EXITED ? "exited with code 1" : null));
    }

    static ObservedContainer container(String instanceId, ContainerState state) {
        return container(NODE, instanceId, state);
    }
}
