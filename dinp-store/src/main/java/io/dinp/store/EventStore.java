package io.dinp.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

/** The audit and event log: what happened to which app, by whom, newest first. */
public final class EventStore {
    /** Column widths; a message is cut rather than refused, so logging never fails the operation it reports. */
    private static final int MAX_MESSAGE = 2048;
    private static final int MAX_LIMIT = 1000;
    private static final int MAX_ADDRESS = 64;
    private static final String COLUMNS = "id, app, team, kind, message, actor, address, created_at";

    private final Jdbi jdbi;
    private final Clock clock;

    public EventStore(Database db) {
        this(db, Clock.systemUTC());
    }

    public EventStore(Database db, Clock clock) {
        this.jdbi = db.jdbi();
        this.clock = clock;
    }

    /**
     * Appends an event caused by a component; {@code app} is null for events not about one app.
     * The entry goes to the app's current team.
     */
    public void record(String app, String kind, String message, String actor) {
        record(app, null, kind, message, actor, null);
    }

    /**
     * Appends an audit entry.
     *
     * @param app the app it is about, or null
     * @param team the team it is about; null takes the app's current team (none without an app)
     * @param actor who: a user name or a component
     * @param address from where: the client's address, null for components
     */
    public void record(String app, String team, String kind, String message, String actor, String address) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(actor, "actor");
        String text = message == null ? "" : message;
        if (text.length() > MAX_MESSAGE) {
            text = text.substring(0, MAX_MESSAGE - 1) + "…";
        }
        String stored = text;
        String where = address == null ? null : address.substring(0, Math.min(address.length(), MAX_ADDRESS));
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO events (app, team, kind, message, actor, address, created_at) "
                        + "VALUES (:app, COALESCE(:team, (SELECT a.team FROM apps a WHERE a.name = :app)), :kind, :message, "
                        + ":actor, :address, :now)")
                .bind("app", app)
                .bind("team", team)
                .bind("kind", kind)
                .bind("message", stored)
                .bind("actor", actor)
                .bind("address", where)
                .bind("now", UtcTimes.toColumn(UtcTimes.now(clock)))
                .execute());
    }

    /**
     * A page of the audit log, newest first.
     *
     * @param before only entries older than this id (the last id of the previous page), or null
     * @param limit at most this many, 1 to 1000
     */
    public List<Event> page(AuditFilter filter, Long before, int limit) {
        checkLimit(limit);
        List<String> conditions = new ArrayList<>();
        if (!filter.all()) {
            List<String> visible = new ArrayList<>();
            if (!filter.teams().isEmpty()) {
                visible.add("team IN (<teams>)");
            }
            if (filter.actor() != null) {
                visible.add("(team IS NULL AND app IS NULL AND actor = :actor)");
            }
            conditions.add(visible.isEmpty() ? "1 = 0" : "(" + String.join(" OR ", visible) + ")");
            if (filter.app() != null) {
                conditions.add("app = :app");
            }
        }
        if (before != null) {
            conditions.add("id < :before");
        }
        String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        return jdbi.withHandle(h -> {
            var query = h.createQuery("SELECT " + COLUMNS + " FROM events" + where + " ORDER BY id DESC LIMIT :limit");
            if (!filter.all() && !filter.teams().isEmpty()) {
                query.bindList("teams", List.copyOf(filter.teams()));
            }
            if (!filter.all() && filter.actor() != null) {
                query.bind("actor", filter.actor());
            }
            if (!filter.all() && filter.app() != null) {
                query.bind("app", filter.app());
            }
            if (before != null) {
                query.bind("before", before);
            }
            return query.bind("limit", limit).map(EventStore::mapRow).list();
        });
    }

    /**
     * The newest events, newest first, of one app or of all when {@code app} is null.
     *
     * @param limit at most this many, 1 to 1000
     */
    public List<Event> recent(String app, int limit) {
        checkLimit(limit);
        // ids grow with every insert and never tie, unlike timestamps
        String where = app == null ? "" : " WHERE app = :app";
        return jdbi.withHandle(h -> {
            var query = h.createQuery("SELECT " + COLUMNS + " FROM events" + where + " ORDER BY id DESC LIMIT :limit");
            if (app != null) {
                query.bind("app", app);
            }
            return query.bind("limit", limit).map(EventStore::mapRow).list();
        });
    }

    private static void checkLimit(int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit: must be between 1 and " + MAX_LIMIT + ", was " + limit);
        }
    }

    private static Event mapRow(ResultSet rs, StatementContext ctx) throws SQLException {
        return new Event(rs.getLong("id"), rs.getString("app"), rs.getString("team"), rs.getString("kind"),
                rs.getString("message"), rs.getString("actor"), rs.getString("address"), UtcTimes.fromColumn(rs, "created_at"));
    }
}
