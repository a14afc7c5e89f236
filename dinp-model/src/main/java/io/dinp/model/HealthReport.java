package io.dinp.model;

import java.time.Instant;

/**
 * A monitor's news about one instance: it entered {@code phase} at {@code at}, because of {@code reason}.
 *
 * @param port the host port checked: news about a process that since was replaced is dropped
 */
public record HealthReport(String instanceId, int port, HealthPhase phase, Instant at, String reason) {
}
