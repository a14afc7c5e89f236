package io.dinp.model;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How a health monitor (hm) talks to the server. Asking for targets is also the monitor's
 * heartbeat: the server splits the instances between the monitors it heard from recently.
 */
public interface HealthMonitors {

    /**
     * This monitor's share of the instances once it differs from {@code knownHash}, or empty after
     * {@code wait}.
     */
    Optional<HmTargets> targets(String hmId, String knownHash, Duration wait) throws Exception;

    /** Health transitions; reports about instances not assigned to {@code hmId} are ignored. */
    void report(String hmId, List<HealthReport> reports) throws Exception;
}
