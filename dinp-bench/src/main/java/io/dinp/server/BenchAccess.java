package io.dinp.server;

import io.dinp.common.Micros;
import io.dinp.core.ClusterSnapshot;
import io.dinp.model.AppSpec;
import java.time.Instant;
import java.util.Map;

/**
 * The benchmark's window on two package-private steps of the controller, so bench/scale can time
 * exactly what the control loop runs. Lives in the bench module, never in the distribution.
 */
public final class BenchAccess {
    private BenchAccess() {
    }

    /** One whole pass of the control loop (snapshot, plan, apply, routes); the loop must not be running. */
    public static Instant pass(Controller controller) throws Exception {
        return controller.pass(Micros.now());
    }

    /** The snapshot a pass starts from. */
    public static ClusterSnapshot snapshot(ClusterState state, Map<String, AppSpec> apps, Instant now) {
        return state.snapshot(apps, now);
    }
}
