package io.dinp.store;

import io.dinp.model.Release;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.StatementContext;

/** An app's releases, numbered in the order they were made; the history rollback walks back through. */
public final class ReleaseStore {
    private static final String COLUMNS = "app, version, seq, image, build_id, note, created_by, created_at";
    private static final String SELECT = COLUMNS + ", pruned_at, failed_at, failure";

    private final Jdbi jdbi;
    private final Clock clock;

    public ReleaseStore(Database db) {
        this(db, Clock.systemUTC());
    }

    public ReleaseStore(Database db, Clock clock) {
        this.jdbi = db.jdbi();
        this.clock = clock;
    }

    /** Thrown when the app already has a release of that version. */
    public static final class ReleaseExistsException extends RuntimeException {
        public ReleaseExistsException(String app, String version) {
            super("app " + app + " already has a release " + version);
        }
    }

    /** Adds a release after the app's newest one. */
    public Release create(String app, String version, String image, String buildId, String note, String createdBy) {
        Instant now = UtcTimes.now(clock);
        try {
            return jdbi.inTransaction(h -> {
                long seq = h.createQuery("SELECT COALESCE(MAX(seq), 0) + 1 FROM releases WHERE app = :app")
                        .bind("app", app).mapTo(Long.class).one();
                h.createUpdate("INSERT INTO releases (" + COLUMNS + ") VALUES (:app, :version, :seq, :image, :build, :note, :by, :now)")
                        .bind("app", app).bind("version", version).bind("seq", seq).bind("image", image)
                        .bind("build", buildId).bind("note", note).bind("by", createdBy).bind("now", UtcTimes.toColumn(now))
                        .execute();
                return new Release(app, version, seq, image, buildId, note, createdBy, now, null);
            });
        } catch (JdbiException e) {
            if (SqlErrors.isDuplicateKey(e)) {
                throw new ReleaseExistsException(app, version);
            }
            throw e;
        }
    }

    public Optional<Release> get(String app, String version) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + SELECT + " FROM releases WHERE app = :app AND version = :v")
                .bind("app", app).bind("v", version).map(ReleaseStore::mapRow).findOne());
    }

    /** Newest first. */
    public List<Release> list(String app) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + SELECT + " FROM releases WHERE app = :app ORDER BY seq DESC")
                .bind("app", app).map(ReleaseStore::mapRow).list());
    }

    /** Records that retention deleted the release's image; the release stays in the history. */
    public void markPruned(String app, String version) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE releases SET pruned_at = :now WHERE app = :app AND version = :v")
                .bind("now", UtcTimes.toColumn(UtcTimes.now(clock))).bind("app", app).bind("v", version).execute());
    }

    /**
     * Records that a rollout of the app's releases with this image failed and was rolled back.
     *
     * @return how many releases were marked (0 when the image was set by hand, not by a release)
     */
    public int markFailed(String app, String image, String failure) {
        String why = failure.length() > 2000 ? failure.substring(0, 1997) + "..." : failure;
        return jdbi.withHandle(h -> h.createUpdate("UPDATE releases SET failed_at = :now, failure = :why "
                        + "WHERE app = :app AND image = :image")
                .bind("now", UtcTimes.toColumn(UtcTimes.now(clock))).bind("why", why).bind("app", app)
                .bind("image", image).execute());
    }

    /** Removes an app's release history (when the app is deleted). */
    public int deleteAll(String app) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM releases WHERE app = :app").bind("app", app).execute());
    }

    private static Release mapRow(ResultSet rs, StatementContext ctx) throws SQLException {
        return new Release(rs.getString("app"), rs.getString("version"), rs.getLong("seq"), rs.getString("image"),
                rs.getString("build_id"), rs.getString("note"), rs.getString("created_by"), UtcTimes.fromColumn(rs, "created_at"),
                rs.getTimestamp("pruned_at") == null ? null : UtcTimes.fromColumn(rs, "pruned_at"),
                rs.getTimestamp("failed_at") == null ? null : UtcTimes.fromColumn(rs, "failed_at"), rs.getString("failure"));
    }
}
