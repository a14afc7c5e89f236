package io.dinp.model;

import java.time.Instant;

/**
 * One instance a health monitor must check, with where the server's knowledge of it stands, so
 * a monitor taking it over from another carries on rather than starting from scratch.
 *
 * @param since when the instance entered {@code phase}; for STARTING, when its grace began
 */
public record HealthTarget(String instanceId, String app, String host, int port, HealthSettings settings,
                           HealthPhase phase, Instant since) {
}
