package io.dinp.agent;

import java.util.Map;
import java.util.Set;

/**
 * An immutable snapshot of what this agent process knows beyond Docker's listing.
 *
 * @param instances       instance id → what this process did with it
 * @param removing        instance ids whose container this process is removing
 * @param readyContainers container ids whose published port accepted a connection
 * @param probeErrors     container id → why its readiness probe gave up
 */
public record LocalState(Map<String, LocalInstance> instances, Set<String> removing,
                         Set<String> readyContainers, Map<String, String> probeErrors) {
    public LocalState {
        instances = Map.copyOf(instances);
        removing = Set.copyOf(removing);
        readyContainers = Set.copyOf(readyContainers);
        probeErrors = Map.copyOf(probeErrors);
    }

    public static LocalState empty() {
        return new LocalState(Map.of(), Set.of(), Set.of(), Map.of());
    }
}
