package io.dinp.hm;

import java.time.Instant;

/**
 * A change of an instance's health phase, the event the monitor reports to the server.
 *
 * @param reason what caused it, in words for the app's status and history
 */
public record HealthTransition(HealthState.Phase from, HealthState.Phase to, Instant at, String reason) {
}
