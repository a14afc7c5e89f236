package io.dinp.store;

import java.time.Instant;

/**
 * One entry of the audit and event log.
 *
 * @param app the app it concerns, or null for platform-wide events
 * @param actor who caused it: a user name, or the component for automatic actions
 */
public record Event(long id, String app, String kind, String message, String actor, Instant at) {
}
