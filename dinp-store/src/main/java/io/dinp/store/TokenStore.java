package io.dinp.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

/** API bearer tokens: issued once, kept only as a SHA-256 hash, looked up by that hash. */
public final class TokenStore {
    /** Lets a leaked token be recognised by secret scanners and rejected here without a query. */
    public static final String PREFIX = "dinp_";
    /** Bounds the writes an often-used token causes: one per minute, not one per request. */
    private static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);
    private static final int MAX_TEXT = 128;

    private final Jdbi jdbi;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public TokenStore(Database db) {
        this(db, Clock.systemUTC());
    }

    public TokenStore(Database db, Clock clock) {
        this.jdbi = db.jdbi();
        this.clock = clock;
    }

    /** A token just issued: its id (to list and revoke it) and the token, shown this once. */
    public record Issued(String id, String token) {
        @Override
        public String toString() {
            return "Issued[id=" + id + "]";
        }
    }

    /** Issues a token for {@code user}; the returned value is the only copy and cannot be recovered. */
    public String create(String name, String user) {
        return issue(name, user).token();
    }

    /** Issues a token for {@code user}, with its id; the token cannot be recovered later. */
    public Issued issue(String name, String user) {
        requireText("name", name);
        requireText("user", user);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(32));
        String id = HexFormat.of().formatHex(randomBytes(8));
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO tokens (id, name, user_name, token_hash, created_at) "
                        + "VALUES (:id, :name, :user, :hash, :now)")
                .bind("id", id)
                .bind("name", name)
                .bind("user", user)
                .bind("hash", sha256Hex(token))
                .bind("now", UtcTimes.toColumn(UtcTimes.now(clock)))
                .execute());
        return new Issued(id, token);
    }

    /** One token's description by id, or empty. */
    public Optional<TokenInfo> get(String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT id, name, user_name, created_at, last_used_at FROM tokens WHERE id = :id")
                .bind("id", id)
                .map(TokenStore::mapRow)
                .findOne());
    }

    /** The user a token belongs to, or empty if it is unknown or revoked. */
    public Optional<String> authenticate(String token) {
        if (token == null || !token.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String hash = sha256Hex(token);
        return jdbi.withHandle(h -> {
            Optional<TokenInfo> found = h.createQuery("SELECT id, name, user_name, created_at, last_used_at "
                            + "FROM tokens WHERE token_hash = :hash")
                    .bind("hash", hash)
                    .map(TokenStore::mapRow)
                    .findOne();
            found.ifPresent(t -> {
                Instant now = UtcTimes.now(clock);
                Instant cutoff = now.minus(TOUCH_INTERVAL);
                if (t.lastUsedAt() == null || t.lastUsedAt().isBefore(cutoff)) {
                    // the condition is repeated in SQL so concurrent requests write at most once
                    h.createUpdate("UPDATE tokens SET last_used_at = :now WHERE id = :id "
                                    + "AND (last_used_at IS NULL OR last_used_at < :cutoff)")
                            .bind("now", UtcTimes.toColumn(now))
                            .bind("cutoff", UtcTimes.toColumn(cutoff))
                            .bind("id", t.id())
                            .execute();
                }
            });
            return found.map(TokenInfo::user);
        });
    }

    /** The tokens of one user, oldest first, for listing and revoking. */
    public List<TokenInfo> list(String user) {
        return jdbi.withHandle(h -> h.createQuery("SELECT id, name, user_name, created_at, last_used_at "
                        + "FROM tokens WHERE user_name = :user ORDER BY created_at, id")
                .bind("user", user)
                .map(TokenStore::mapRow)
                .list());
    }

    /** Deletes a token by id; false if there was none. */
    public boolean revoke(String id) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM tokens WHERE id = :id").bind("id", id).execute()) > 0;
    }

    /** How many tokens exist, e.g. to tell a fresh installation that needs its first one. */
    public int count() {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM tokens").mapTo(Integer.class).one());
    }

    private static TokenInfo mapRow(ResultSet rs, StatementContext ctx) throws SQLException {
        return new TokenInfo(rs.getString("id"), rs.getString("name"), rs.getString("user_name"),
                UtcTimes.fromColumn(rs, "created_at"), UtcTimes.fromColumn(rs, "last_used_at"));
    }

    private byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    static String sha256Hex(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }

    private static void requireText(String field, String value) {
        if (value == null || value.isBlank() || value.length() > MAX_TEXT) {
            throw new IllegalArgumentException(field + ": must be 1 to " + MAX_TEXT + " characters");
        }
    }
}
