package io.dinp.model;

import java.util.List;

/**
 * A health monitor's share of the instances.
 *
 * @param hash    identifies this exact list: a monitor that already has it waits for the next
 * @param monitors how many monitors share the instances now
 */
public record HmTargets(String hash, int monitors, List<HealthTarget> targets) {
    public HmTargets {
        targets = targets == null ? List.of() : List.copyOf(targets);
    }
}
