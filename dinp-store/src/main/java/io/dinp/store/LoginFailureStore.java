package io.dinp.store;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Failed sign-ins in a row, kept in the database so that every dash on it counts the same ones.
 * What a count means (free tries, locks, forgetting) is the caller's policy; this only keeps the
 * rows, each under the SHA-256 of its key, and changes one atomically across dashes.
 */
public final class LoginFailureStore {
    /** One key's failures in a row, the time of the last one, and the lock it started (null: none). */
    public record Row(int failures, Instant last, Instant lockedUntil) {
        public Row {
            Objects.requireNonNull(last, "last");
        }
    }

    private static final int MAX_ATTEMPTS = 5;

    private final Jdbi jdbi;

    public LoginFailureStore(Database db) {
        this.jdbi = db.jdbi();
    }

    public Optional<Row> get(String key) {
        return jdbi.withHandle(h -> find(h, TokenStore.sha256Hex(key), false));
    }

    /**
     * Replaces the key's row with {@code change} applied to it (null when there is none), as one
     * step for every dash on this database: two dashes counting a failure at once count two.
     *
     * @return the new row
     */
    public Row update(String key, UnaryOperator<Row> change) {
        String hash = TokenStore.sha256Hex(key);
        for (int attempt = 1; ; attempt++) {
            try {
                return updateOnce(hash, change);
            } catch (RuntimeException e) {
                // Another dash inserted the key's first row meanwhile (duplicate key), or both locked the
                // gap where it goes and the database gave up one of them (deadlock): try again, the row exists.
                if (attempt == MAX_ATTEMPTS || !(SqlErrors.isDuplicateKey(e) || SqlErrors.isTransactionConflict(e))) {
                    throw e;
                }
            }
        }
    }

    private Row updateOnce(String hash, UnaryOperator<Row> change) {
        return jdbi.inTransaction(h -> {
            Optional<Row> current = find(h, hash, true);
            Row next = Objects.requireNonNull(change.apply(current.orElse(null)), "change");
            String sql = current.isPresent()
                    ? "UPDATE login_failures SET failures = :failures, last_at = :last, locked_until = :locked WHERE key_hash = :hash"
                    : "INSERT INTO login_failures (key_hash, failures, last_at, locked_until) VALUES (:hash, :failures, :last, :locked)";
            h.createUpdate(sql)
                    .bind("hash", hash)
                    .bind("failures", next.failures())
                    .bind("last", UtcTimes.toColumn(next.last()))
                    .bindByType("locked", UtcTimes.toColumn(next.lockedUntil()), LocalDateTime.class)
                    .execute();
            return next;
        });
    }

    public void delete(String key) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM login_failures WHERE key_hash = :hash")
                .bind("hash", TokenStore.sha256Hex(key)).execute());
    }

    /** Removes the rows whose last failure and lock both ended before {@code before}; returns how many. */
    public int purge(Instant before) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM login_failures WHERE last_at < :before "
                        + "AND (locked_until IS NULL OR locked_until < :before)")
                .bind("before", UtcTimes.toColumn(before)).execute());
    }

    private static Optional<Row> find(Handle h, String hash, boolean forUpdate) {
        return h.createQuery("SELECT failures, last_at, locked_until FROM login_failures WHERE key_hash = :hash"
                        + (forUpdate ? " FOR UPDATE" : ""))
                .bind("hash", hash)
                .map((rs, ctx) -> new Row(rs.getInt("failures"), UtcTimes.fromColumn(rs, "last_at"),
                        UtcTimes.fromColumn(rs, "locked_until")))
                .findOne();
    }
}
