package io.dinp.store;

import java.time.Instant;

/**
 * One entry of the audit and event log: who did what, when, from where.
 *
 * @param app the app it concerns, or null for entries not about one app
 * @param team the team of that app, or the team the entry is about; null for platform-wide entries
 * @param actor who caused it: a user name, or the component for automatic actions
 * @param address where the request came from (the client's IP address); null for components
 */
public record Event(long id, String app, String team, String kind, String message, String actor, String address,
                    Instant at) {
}
