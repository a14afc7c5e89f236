package io.dinp.core;

import io.dinp.model.AppHealth;
import io.dinp.model.AppStatus;
import io.dinp.model.InstanceSpec;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What one reconcile pass decided. The executor applies it; nothing here has happened yet.
 *
 * @param place       new instances to assign to nodes
 * @param drain       serving instances to take out of the routes, with the time to stop them
 * @param stop        instances to unassign now (their containers get removed), with a reason
 * @param status      every app's status after this plan
 * @param health      failure memory to keep for the next pass (apps absent here are unchanged)
 * @param nextWakeup  the earliest time a pass must run again even if nothing happens, or null
 * @param rollbacks   apps whose rollout failed, to be set back to their old spec by the caller
 */
public record Plan(List<InstanceSpec> place, Map<String, Instant> drain, Map<String, String> stop,
                   Map<String, AppStatus> status, Map<String, AppHealth> health, Instant nextWakeup,
                   Map<String, Rollback> rollbacks) {

    public Plan(List<InstanceSpec> place, Map<String, Instant> drain, Map<String, String> stop,
                Map<String, AppStatus> status, Map<String, AppHealth> health, Instant nextWakeup) {
        this(place, drain, stop, status, health, nextWakeup, Map.of());
    }

    public boolean changesAssignments() {
        return !place.isEmpty() || !drain.isEmpty() || !stop.isEmpty();
    }
}
