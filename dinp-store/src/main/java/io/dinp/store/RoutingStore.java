package io.dinp.store;

import io.dinp.model.RouteOptions;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * The route options of each app. An app at the defaults has no row, so setting the defaults
 * deletes it; a change is one upsert, so concurrent writers leave one of their values, never an error.
 */
public final class RoutingStore {
    private static final String COLUMNS = "sticky_sessions, max_body_bytes, https_redirect";

    private final Jdbi jdbi;
    private final Clock clock;

    public RoutingStore(Database db) {
        this(db, Clock.systemUTC());
    }

    public RoutingStore(Database db, Clock clock) {
        this.jdbi = db.jdbi();
        this.clock = clock;
    }

    /** The app's options; the defaults when it set none. */
    public RouteOptions of(String app) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM app_routing WHERE app = :app")
                .bind("app", app).map((rs, ctx) -> read(rs)).findOne()).orElse(RouteOptions.DEFAULTS);
    }

    /** Sets the app's options (validated by the caller); the defaults remove its row. */
    public void put(String app, RouteOptions options, String by) {
        if (options.sameAsDefaults()) {
            delete(app);
            return;
        }
        // ON DUPLICATE KEY UPDATE with VALUES(): MariaDB's upsert, which H2 accepts in MySQL mode.
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO app_routing (app, " + COLUMNS + ", updated_by, updated_at) "
                        + "VALUES (:app, :sticky, :maxBody, :redirect, :by, :now) ON DUPLICATE KEY UPDATE "
                        + "sticky_sessions = VALUES(sticky_sessions), max_body_bytes = VALUES(max_body_bytes), "
                        + "https_redirect = VALUES(https_redirect), updated_by = VALUES(updated_by), "
                        + "updated_at = VALUES(updated_at)")
                .bind("app", app).bind("sticky", options.stickySessions()).bind("maxBody", options.maxBodyBytes())
                .bind("redirect", options.httpsRedirect()).bind("by", by)
                .bind("now", UtcTimes.toColumn(UtcTimes.now(clock)))
                .execute());
    }

    /** Every app's options that differ from the defaults, app → options. */
    public Map<String, RouteOptions> all() {
        Map<String, RouteOptions> out = new LinkedHashMap<>();
        jdbi.useHandle(h -> h.createQuery("SELECT app, " + COLUMNS + " FROM app_routing ORDER BY app")
                .map((rs, ctx) -> Map.entry(rs.getString("app"), read(rs)))
                .forEach(e -> out.put(e.getKey(), e.getValue())));
        return out;
    }

    /** Back to the defaults (when the app is deleted); @return whether it had options of its own */
    public boolean delete(String app) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM app_routing WHERE app = :app")
                .bind("app", app).execute()) > 0;
    }

    private static RouteOptions read(ResultSet rs) throws SQLException {
        return new RouteOptions(rs.getBoolean("sticky_sessions"), rs.getLong("max_body_bytes"),
                rs.getBoolean("https_redirect"));
    }
}
