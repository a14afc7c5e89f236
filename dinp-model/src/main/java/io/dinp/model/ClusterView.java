package io.dinp.model;

import java.util.List;
import java.util.Optional;

/**
 * What dash asks the controller about the real state, and how it tells it the desired state
 * changed. In one JVM a direct call; otherwise HTTP to the server.
 */
public interface ClusterView {

    Optional<AppStatus> status(String app) throws Exception;

    List<InstanceInfo> instances(String app) throws Exception;

    List<NodeInfo> nodes() throws Exception;

    /** The desired state of an app changed: reconcile now rather than at the next resync. */
    void desiredChanged(String app) throws Exception;

    /**
     * The certificates of {@code node} were revoked (in SQL): refuse them from now on and count the
     * node as gone, so its instances are placed elsewhere. Without certificates (one JVM) there is
     * nothing to refuse.
     */
    default void certificatesRevoked(String node) throws Exception {
    }
}
