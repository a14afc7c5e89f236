package io.dinp.store;

import java.time.Instant;

/**
 * What may be shown about an API token: never the token, which exists only in the creator's hands.
 *
 * @param lastUsedAt when it last authenticated, to the minute; null if never
 */
public record TokenInfo(String id, String name, String user, Instant createdAt, Instant lastUsedAt) {
}
