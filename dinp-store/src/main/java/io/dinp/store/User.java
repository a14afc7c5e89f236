package io.dinp.store;

import java.time.Instant;

/**
 * A local user as stored: the password only as its encoded hash.
 *
 * @param passwordHash the PHC-encoded Argon2id hash; never shown to anyone
 */
public record User(String name, String passwordHash, boolean admin, Instant createdAt) {
    @Override
    public String toString() {
        // keeps the hash out of any log line or exception message that prints a user
        return "User[name=" + name + ", admin=" + admin + ", createdAt=" + createdAt + "]";
    }
}
