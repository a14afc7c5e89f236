package io.dinp.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

/** The audit and event log: what happened to which app, by whom, newest first. */
public final class EventStore {
    /** Column widths; a message is cut rather than refused, so logging never fails the operation it reports. */
    private static final int MAX_MESSAGE = 2048;
    private static final int MAX_LIMIT = 1000;

    private final Jdbi jdbi;
    private final Clock clock;

    public EventStore(Database db) {
        this(db, Clock.systemUTC());
    }

    public EventStore(Database db, Clock clock) {
        this.jdbi = db.jdbi();
        this.clock = clock;
    }

    /** Appends an event; {@code app} is null for events not about one app. */
    public void record(String app, String kind, String message, String actor) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(actor, "actor");
        String text = message == null ? "" : message;
        if (text.length() > MAX_MESSAGE) {
            text = text.substring(0, MAX_MESSAGE - 1) + "…";
        }
        String stored = text;
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO events (app, kind, message, actor, created_at) "
                        + "VALUES (:app, :kind, :message, :actor, :now)")
                .bind("app", app)
                .bind("kind", kind)
                .bind("message", stored)
                .bind("actor", actor)
                .bind("now", UtcTimes.toColumn(UtcTimes.now(clock)))
                .execute());
    }

    /**
     * The newest events, newest first, of one app or of all when {@code app} is null.
     *
     * @param limit at most this many, 1 to 1000
     */
    public List<Event> recent(String app, int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit: must be between 1 and " + MAX_LIMIT + ", was " + limit);
        }
        // ids grow with every insert and never tie, unlike timestamps
        String where = app == null ? "" : " WHERE app = :app";
        return jdbi.withHandle(h -> {
            var query = h.createQuery("SELECT id, app, kind, message, actor, created_at FROM events"
                    + where + " ORDER BY id DESC LIMIT :limit");
            if (app != null) {
                query.bind("app", app);
            }
            return query.bind("limit", limit).map(EventStore::mapRow).list();
        });
    }

    private static Event mapRow(ResultSet rs, StatementContext ctx) throws SQLException {
        return new Event(rs.getLong("id"), rs.getString("app"), rs.getString("kind"), rs.getString("message"),
                rs.getString("actor"), UtcTimes.fromColumn(rs, "created_at"));
    }
}
