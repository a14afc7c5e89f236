package io.dinp.dash;

import io.dinp.model.NodeLogs;
import java.util.List;

/** The nodes whose instance logs dash can read now, each through its agent. */
@FunctionalInterface
public interface LogNodes {

    /** One node's logs. */
    record Node(String id, NodeLogs logs) {
    }

    List<Node> current() throws Exception;

    /** One JVM: the one agent, called directly. */
    static LogNodes of(String nodeId, NodeLogs logs) {
        List<Node> one = List.of(new Node(nodeId, logs));
        return () -> one;
    }

    /** No agent serves logs to this dash: every log stream is empty. */
    static LogNodes none() {
        return List::of;
    }
}
