package io.dinp.store;

import io.dinp.pki.JoinGrant;
import io.dinp.pki.JoinToken;
import io.dinp.pki.Role;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * One-time join tokens: made by a site admin (or by dash for itself), used once by the server's
 * enrolment. Only the secret's SHA-256 is stored. Using one is a single conditional update, so two
 * components presenting the same token at once cannot both join.
 */
public final class JoinTokenStore {
    public static final Duration MIN_TTL = Duration.ofMinutes(1);
    public static final Duration MAX_TTL = Duration.ofDays(7);
    private static final String COLUMNS = "id, secret_hash, role, created_at, expires_at, used_at, used_by";

    private final Jdbi jdbi;
    private final Clock clock;

    public JoinTokenStore(Database db) {
        this(db, Clock.systemUTC());
    }

    public JoinTokenStore(Database db, Clock clock) {
        this.jdbi = db.jdbi();
        this.clock = clock;
    }

    /** A token just made: the token itself, shown this once, and what is stored of it. */
    public record Issued(JoinToken token, JoinGrant grant) {
        @Override
        public String toString() {
            return "Issued[" + grant.id() + "]";
        }
    }

    /**
     * Makes a token for {@code role} that expires after {@code ttl}.
     *
     * @throws IllegalArgumentException naming {@code role} or {@code ttl}
     */
    public Issued issue(String caFingerprint, Role role, Duration ttl, String createdBy) {
        if (!role.joinable()) {
            throw new IllegalArgumentException("role: a join token is for node, hm or dash, not " + role.id());
        }
        if (ttl == null || ttl.compareTo(MIN_TTL) < 0 || ttl.compareTo(MAX_TTL) > 0) {
            throw new IllegalArgumentException("ttl: must be 1m to 7d, was " + (ttl == null ? "none" : io.dinp.common.Durations.format(ttl)));
        }
        JoinToken token = JoinToken.generate(caFingerprint);
        Instant now = UtcTimes.now(clock);
        JoinGrant grant = new JoinGrant(token.id(), token.secretHash(), role, now, now.plus(ttl), null, null);
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO join_tokens (id, secret_hash, role, created_by, created_at, expires_at) "
                        + "VALUES (:id, :hash, :role, :by, :created, :expires)")
                .bind("id", grant.id())
                .bind("hash", grant.secretHash())
                .bind("role", role.id())
                .bind("by", createdBy)
                .bind("created", UtcTimes.toColumn(now))
                .bind("expires", UtcTimes.toColumn(grant.expiresAt()))
                .execute());
        return new Issued(token, grant);
    }

    public Optional<JoinGrant> find(String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM join_tokens WHERE id = :id")
                .bind("id", id).map(JoinTokenStore::map).findOne());
    }

    /**
     * Marks the token used by {@code usedBy}, if it is still unused and unexpired at {@code now}.
     *
     * @return whether this call used it (false: someone else did, or it expired meanwhile)
     */
    public boolean use(String id, String usedBy, Instant now) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE join_tokens SET used_at = :now, used_by = :by "
                        + "WHERE id = :id AND used_at IS NULL AND expires_at > :now")
                .bind("now", UtcTimes.toColumn(now))
                .bind("by", usedBy)
                .bind("id", id)
                .execute()) == 1;
    }

    /** Every token, newest first, with who made it. */
    public List<Listed> list() {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + ", created_by FROM join_tokens ORDER BY created_at DESC, id")
                .map((rs, ctx) -> new Listed(map(rs, ctx), rs.getString("created_by"))).list());
    }

    /** A token as listed: never its secret nor its hash. */
    public record Listed(JoinGrant grant, String createdBy) {
    }

    /** Deletes a token (used or not); false when there was none. */
    public boolean delete(String id) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM join_tokens WHERE id = :id").bind("id", id).execute()) > 0;
    }

    private static JoinGrant map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new JoinGrant(rs.getString("id"), rs.getString("secret_hash"), Role.parse(rs.getString("role")),
                UtcTimes.fromColumn(rs, "created_at"), UtcTimes.fromColumn(rs, "expires_at"), UtcTimes.fromColumn(rs, "used_at"),
                rs.getString("used_by"));
    }
}
