package io.dinp.store;

import java.time.Instant;

/** A signed-in browser session, as found by its id. */
public record Session(String user, Instant createdAt, Instant expiresAt) {
}
