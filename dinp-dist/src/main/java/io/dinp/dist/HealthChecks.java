package io.dinp.dist;

import com.github.dockerjava.api.DockerClient;
import io.dinp.common.metrics.HealthCheck;
import io.dinp.store.Database;
import java.util.Map;

/** The /healthz checks the dist commands share: the SQL database and the Docker Engine answer. */
final class HealthChecks {
    private HealthChecks() {
    }

    /** The database answers {@code SELECT 1} (within the pool's connection timeout). */
    static HealthCheck database(Database db) {
        return () -> {
            long t = System.nanoTime();
            db.jdbi().withHandle(h -> h.createQuery("SELECT 1").setQueryTimeout(5).mapTo(Integer.class).one());
            return HealthCheck.Result.ok(Map.of("kind", db.kind().toString(), "latencyMs", (System.nanoTime() - t) / 1_000_000));
        };
    }

    /** The Docker Engine answers a ping. */
    static HealthCheck docker(DockerClient docker) {
        return () -> {
            long t = System.nanoTime();
            docker.pingCmd().exec();
            return HealthCheck.Result.ok(Map.of("latencyMs", (System.nanoTime() - t) / 1_000_000));
        };
    }
}
