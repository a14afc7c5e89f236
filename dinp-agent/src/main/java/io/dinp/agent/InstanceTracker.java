package io.dinp.agent;

import io.dinp.model.InstanceSpec;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The agent process's memory of its own work: instances it started, removals and probes under
 * way, readiness. Thread-safe; every method is short and holds one lock.
 */
public final class InstanceTracker {
    private final Map<String, LocalInstance> instances = new HashMap<>();
    private final Set<String> removing = new HashSet<>();
    private final Set<String> probing = new HashSet<>();
    private final Set<String> ready = new HashSet<>();
    private final Map<String, String> probeErrors = new HashMap<>();

    /** Instance ids this process began to create, whatever became of them. */
    public synchronized Set<String> startedIds() {
        return Set.copyOf(instances.keySet());
    }

    /** Marks the instance as being created; false if this process already started it. */
    public synchronized boolean beginCreate(InstanceSpec spec) {
        return instances.putIfAbsent(spec.id(), new LocalInstance(spec, LocalInstance.Phase.CREATING, null, null)) == null;
    }

    public synchronized void created(String instanceId, String containerId) {
        instances.computeIfPresent(instanceId,
                (id, i) -> new LocalInstance(i.spec(), LocalInstance.Phase.STARTED, containerId, null));
    }

    public synchronized void failed(String instanceId, String error) {
        instances.computeIfPresent(instanceId,
                (id, i) -> new LocalInstance(i.spec(), LocalInstance.Phase.FAILED, i.containerId(), error));
    }

    /** Marks the container as being removed; false if a removal is already under way. */
    public synchronized boolean beginRemove(String instanceId) {
        return removing.add(instanceId);
    }

    /** The removal finished (or failed): forget the instance so it is not reported as gone. */
    public synchronized void removeFinished(String instanceId, String containerId, boolean removed) {
        removing.remove(instanceId);
        if (removed) {
            instances.remove(instanceId);
            forgetContainer(containerId);
        }
    }

    /** Marks a probe as under way; false if the container is ready, probed, or its probe gave up. */
    public synchronized boolean beginProbe(String containerId) {
        if (ready.contains(containerId) || probeErrors.containsKey(containerId)) {
            return false;
        }
        return probing.add(containerId);
    }

    /** Whether a probe of this container should go on: false once the container is forgotten. */
    public synchronized boolean isProbing(String containerId) {
        return probing.contains(containerId);
    }

    public synchronized void probeFinished(String containerId, String errorOrNull) {
        if (!probing.remove(containerId)) {
            return;
        }
        if (errorOrNull == null) {
            ready.add(containerId);
        } else {
            probeErrors.put(containerId, errorOrNull);
        }
    }

    /**
     * Drops what is no longer useful: failed or gone instances that left the assignment, and
     * readiness of containers that no longer exist.
     */
    public synchronized void prune(Set<String> assignedIds, Set<String> observedInstanceIds,
                                   Set<String> observedContainerIds) {
        instances.values().removeIf(i -> i.phase() != LocalInstance.Phase.CREATING
                && !assignedIds.contains(i.spec().id())
                && !observedInstanceIds.contains(i.spec().id())
                && !removing.contains(i.spec().id()));
        Set<String> known = new HashSet<>(observedContainerIds);
        instances.values().forEach(i -> known.add(i.containerId()));
        ready.retainAll(known);
        probing.retainAll(known);
        probeErrors.keySet().retainAll(known);
    }

    public synchronized LocalState snapshot() {
        return new LocalState(instances, removing, ready, probeErrors);
    }

    private void forgetContainer(String containerId) {
        ready.remove(containerId);
        probing.remove(containerId);
        probeErrors.remove(containerId);
    }
}
