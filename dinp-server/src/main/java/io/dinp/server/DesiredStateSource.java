package io.dinp.server;

import io.dinp.core.Rollback;
import io.dinp.model.AppSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Where the controller reads the desired state from (the SQL store), and writes back its rollbacks. */
@FunctionalInterface
public interface DesiredStateSource {
    List<AppSpec> apps() throws Exception;

    /** Custom domains bound to apps, domain → app. */
    default Map<String, String> domains() throws Exception {
        return Map.of();
    }

    /** TLS certificates of custom domains, domain → chain and key. */
    default Map<String, io.dinp.model.TlsCertificate> certificates() throws Exception {
        return Map.of();
    }

    /** Route options of the apps that set any, app → options. */
    default Map<String, io.dinp.model.RouteOptions> routeOptions() throws Exception {
        return Map.of();
    }

    /**
     * A rollout failed its health checks: set the app back to what its old instances run, unless
     * someone changed the app since (their change wins).
     *
     * @return the app as now desired, or empty when nothing was changed
     */
    default Optional<AppSpec> rollBack(Rollback r) throws Exception {
        return Optional.empty();
    }

    /** Records what the controller did in the audit log (not about one app). */
    default void record(String kind, String message) throws Exception {
    }
}
