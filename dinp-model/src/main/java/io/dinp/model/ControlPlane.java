package io.dinp.model;

import java.time.Duration;
import java.util.Optional;

/**
 * How an agent talks to the server: it reports its node, and waits for its assignment to change.
 * In one JVM this is a direct call; between processes it is HTTP.
 */
public interface ControlPlane {

    /** Records the node's real state and answers with the node's current assignment. */
    Assignment report(NodeReport report) throws Exception;

    /**
     * Waits until the node's assignment differs from (epoch, version) or the timeout passes.
     *
     * @return the newer assignment, or empty on timeout; throws {@link UnknownNodeException} when
     * the server has no report from this node yet (it restarted): the agent must report first
     */
    Optional<Assignment> awaitChange(String nodeId, String epoch, long version, Duration timeout) throws Exception;

    /** The server has not heard from this node (e.g. it restarted); report before waiting. */
    final class UnknownNodeException extends Exception {
        public UnknownNodeException(String nodeId) {
            super("server has no report from node " + nodeId + " yet");
        }
    }
}
