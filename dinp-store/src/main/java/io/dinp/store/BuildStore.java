package io.dinp.store;

import io.dinp.model.Build;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

/** Build records: queued when the artifact is accepted, then running, then succeeded or failed with a reason. */
public final class BuildStore {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAX_FAILURE = 2048;
    private static final String COLUMNS = "id, app, version, stack, status, image, digest, failure, created_by, "
            + "created_at, finished_at, duration_ms";

    private final Jdbi jdbi;
    private final Clock clock;

    public BuildStore(Database db) {
        this(db, Clock.systemUTC());
    }

    public BuildStore(Database db, Clock clock) {
        this.jdbi = db.jdbi();
        this.clock = clock;
    }

    /** Records a new queued build and returns it with its id. */
    public Build create(String app, String version, String stack, String createdBy) {
        return create(app, version, stack, createdBy, null);
    }

    /** Records a new queued build run by {@code builder} (see {@link #beat}) and returns it with its id. */
    public Build create(String app, String version, String stack, String createdBy, String builder) {
        byte[] b = new byte[8];
        RANDOM.nextBytes(b);
        String id = "b" + HexFormat.of().formatHex(b);
        Instant now = UtcTimes.now(clock);
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO builds (id, app, version, stack, status, created_by, created_at, builder) "
                        + "VALUES (:id, :app, :version, :stack, :status, :by, :now, :builder)")
                .bind("id", id).bind("app", app).bind("version", version).bind("stack", stack).bind("builder", builder)
                .bind("status", Build.QUEUED).bind("by", createdBy).bind("now", UtcTimes.toColumn(now))
                .execute());
        return new Build(id, app, version, stack, Build.QUEUED, null, null, null, createdBy, now, null, null);
    }

    /** Records what the build is made of, so an identical later build can reuse its image. */
    public void cacheKey(String id, String key) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE builds SET cache_key = :k WHERE id = :id").bind("k", key).bind("id", id).execute());
    }

    /** The newest succeeded build of the app made of exactly {@code key}, other than {@code exceptId}. */
    public Optional<Build> lastSucceeded(String app, String key, String exceptId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM builds WHERE app = :app AND cache_key = :k "
                        + "AND status = :s AND id <> :id ORDER BY created_at DESC, id DESC LIMIT 1")
                .bind("app", app).bind("k", key).bind("s", Build.SUCCEEDED).bind("id", exceptId)
                .map(BuildStore::mapRow).findOne());
    }

    public void running(String id) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE builds SET status = :s WHERE id = :id")
                .bind("s", Build.RUNNING).bind("id", id).execute());
    }

    /** Marks the build finished; {@code failure} null means it succeeded with {@code image}. */
    public Build finish(String id, String image, String digest, String failure, String log) {
        Build b = get(id).orElseThrow(() -> new IllegalArgumentException("no build " + id));
        Instant now = UtcTimes.now(clock);
        long ms = Duration.between(b.createdAt(), now).toMillis();
        String reason = failure == null || failure.length() <= MAX_FAILURE ? failure : failure.substring(0, MAX_FAILURE - 1) + "…";
        jdbi.useHandle(h -> h.createUpdate("UPDATE builds SET status = :s, image = :image, digest = :digest, "
                        + "failure = :failure, log = :log, finished_at = :now, duration_ms = :ms WHERE id = :id")
                .bind("s", failure == null ? Build.SUCCEEDED : Build.FAILED)
                .bind("image", failure == null ? image : null).bind("digest", failure == null ? digest : null)
                .bind("failure", reason).bind("log", log).bind("now", UtcTimes.toColumn(now)).bind("ms", ms)
                .bind("id", id).execute());
        return get(id).orElseThrow();
    }

    public Optional<Build> get(String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM builds WHERE id = :id")
                .bind("id", id).map(BuildStore::mapRow).findOne());
    }

    /** The stored log of a finished build, or empty. */
    public Optional<String> log(String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT log FROM builds WHERE id = :id")
                .bind("id", id).mapTo(String.class).findOne());
    }

    /** An app's builds, newest first. */
    public List<Build> list(String app, int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM builds WHERE app = :app "
                        + "ORDER BY created_at DESC, id DESC LIMIT :limit")
                .bind("app", app).bind("limit", limit).map(BuildStore::mapRow).list());
    }

    /**
     * Builds {@code builder} left queued or running when it stopped (and those of no recorded
     * builder, made before builders were told apart): they will never finish. Other builders'
     * builds are theirs to finish.
     */
    public int failUnfinished(String builder, String reason) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE builds SET status = :f, failure = :reason, finished_at = :now "
                        + "WHERE status IN (:q, :r) AND (builder = :b OR builder IS NULL)")
                .bind("f", Build.FAILED).bind("reason", reason).bind("now", UtcTimes.toColumn(UtcTimes.now(clock)))
                .bind("q", Build.QUEUED).bind("r", Build.RUNNING).bind("b", builder).execute());
    }

    /** {@code builder} is alive: its unfinished builds' beat goes up by one. */
    public int beat(String builder) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE builds SET beat = beat + 1 WHERE builder = :b AND status IN (:q, :r)")
                .bind("b", builder).bind("q", Build.QUEUED).bind("r", Build.RUNNING).execute());
    }

    /** An unfinished build of another builder and its beat, as last written. */
    public record Beat(String id, String builder, long beat) {
    }

    /** The unfinished builds of builders other than {@code builder}, with their beats. */
    public List<Beat> othersUnfinished(String builder) {
        return jdbi.withHandle(h -> h.createQuery("SELECT id, builder, beat FROM builds WHERE status IN (:q, :r) "
                        + "AND builder IS NOT NULL AND builder <> :b")
                .bind("q", Build.QUEUED).bind("r", Build.RUNNING).bind("b", builder)
                .map((rs, ctx) -> new Beat(rs.getString("id"), rs.getString("builder"), rs.getLong("beat"))).list());
    }

    /**
     * Fails an unfinished build whose beat is still {@code beat} (its builder stopped beating);
     * false when it beat meanwhile or finished.
     */
    public boolean failSilent(String id, long beat, String reason) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE builds SET status = :f, failure = :reason, finished_at = :now "
                        + "WHERE id = :id AND beat = :beat AND status IN (:q, :r)")
                .bind("f", Build.FAILED).bind("reason", reason).bind("now", UtcTimes.toColumn(UtcTimes.now(clock)))
                .bind("id", id).bind("beat", beat).bind("q", Build.QUEUED).bind("r", Build.RUNNING).execute()) == 1;
    }

    private static Build mapRow(ResultSet rs, StatementContext ctx) throws SQLException {
        long ms = rs.getLong("duration_ms");
        Long duration = rs.wasNull() ? null : ms;
        return new Build(rs.getString("id"), rs.getString("app"), rs.getString("version"), rs.getString("stack"),
                rs.getString("status"), rs.getString("image"), rs.getString("digest"), rs.getString("failure"),
                rs.getString("created_by"), UtcTimes.fromColumn(rs, "created_at"),
                rs.getTimestamp("finished_at") == null ? null : UtcTimes.fromColumn(rs, "finished_at"), duration);
    }
}
