package io.dinp.store;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Browser sessions. The id is the cookie's value and is stored only as its SHA-256 hash, so a
 * copy of the table (a backup, a replica) lets nobody in. Sessions end at a fixed expiry.
 */
public final class SessionStore {
    /** Bounds the writes an active session causes, as for tokens. */
    private static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);
    private static final int MAX_ADDRESS = 64;

    private final Jdbi jdbi;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public SessionStore(Database db) {
        this(db, Clock.systemUTC());
    }

    public SessionStore(Database db, Clock clock) {
        this.jdbi = db.jdbi();
        this.clock = clock;
    }

    /** A new session: the id exists only here and in the browser's cookie. */
    public record Started(String id, Instant expiresAt) {
        @Override
        public String toString() {
            return "Started[expiresAt=" + expiresAt + "]";
        }
    }

    /** Starts a session for {@code user} from {@code address}, valid for {@code ttl}. */
    public Started create(String user, String address, Duration ttl) {
        Objects.requireNonNull(user, "user");
        byte[] b = new byte[32];
        random.nextBytes(b);
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
        Instant now = UtcTimes.now(clock);
        Instant expires = now.plus(ttl);
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO sessions (id_hash, user_name, address, created_at, expires_at, "
                        + "last_seen_at) VALUES (:hash, :user, :address, :now, :expires, :now)")
                .bind("hash", TokenStore.sha256Hex(id))
                .bind("user", user)
                .bind("address", address == null ? null : address.substring(0, Math.min(address.length(), MAX_ADDRESS)))
                .bind("now", UtcTimes.toColumn(now))
                .bind("expires", UtcTimes.toColumn(expires))
                .execute());
        return new Started(id, expires);
    }

    /** The live session with this id, or empty if it is unknown, ended or expired. */
    public Optional<Session> find(String id) {
        if (id == null || id.isEmpty() || id.length() > 128) {
            return Optional.empty();
        }
        String hash = TokenStore.sha256Hex(id);
        Instant now = UtcTimes.now(clock);
        return jdbi.withHandle(h -> {
            Optional<Session> found = h.createQuery("SELECT user_name, created_at, expires_at FROM sessions "
                            + "WHERE id_hash = :hash AND expires_at > :now")
                    .bind("hash", hash)
                    .bind("now", UtcTimes.toColumn(now))
                    .map((rs, ctx) -> new Session(rs.getString("user_name"), UtcTimes.fromColumn(rs, "created_at"),
                            UtcTimes.fromColumn(rs, "expires_at")))
                    .findOne();
            if (found.isPresent()) {
                Instant cutoff = now.minus(TOUCH_INTERVAL);
                h.createUpdate("UPDATE sessions SET last_seen_at = :now WHERE id_hash = :hash AND last_seen_at < :cutoff")
                        .bind("now", UtcTimes.toColumn(now))
                        .bind("hash", hash)
                        .bind("cutoff", UtcTimes.toColumn(cutoff))
                        .execute();
            }
            return found;
        });
    }

    /** Ends a session (logout); false if there was none. */
    public boolean delete(String id) {
        if (id == null) {
            return false;
        }
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM sessions WHERE id_hash = :hash")
                .bind("hash", TokenStore.sha256Hex(id)).execute()) > 0;
    }

    /** Ends every session of a user, e.g. after their password changed; returns how many. */
    public int deleteAllOf(String user) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM sessions WHERE user_name = :user").bind("user", user).execute());
    }

    /** Removes expired sessions (they no longer authenticate anyway); returns how many. */
    public int purgeExpired() {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM sessions WHERE expires_at <= :now")
                .bind("now", UtcTimes.toColumn(UtcTimes.now(clock))).execute());
    }

    /** How many sessions of a user are live. */
    public int countOf(String user) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM sessions WHERE user_name = :user AND expires_at > :now")
                .bind("user", user).bind("now", UtcTimes.toColumn(UtcTimes.now(clock))).mapTo(Integer.class).one());
    }
}
