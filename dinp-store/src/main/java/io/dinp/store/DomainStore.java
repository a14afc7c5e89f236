package io.dinp.store;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/** Custom domains bound to apps. The primary key makes a domain belong to one app at most, race or not. */
public final class DomainStore {
    private final Jdbi jdbi;
    private final Clock clock;

    public DomainStore(Database db) {
        this(db, Clock.systemUTC());
    }

    public DomainStore(Database db, Clock clock) {
        this.jdbi = db.jdbi();
        this.clock = clock;
    }

    /** The domain is bound already, to {@code owner}. */
    public static final class DomainTakenException extends RuntimeException {
        private final String owner;

        public DomainTakenException(String domain, String owner) {
            super("domain " + domain + " is bound to app " + owner);
            this.owner = owner;
        }

        public String owner() {
            return owner;
        }
    }

    /**
     * Binds a (validated) domain to the app; binding it again to the same app changes nothing.
     *
     * @return true when the binding is new
     * @throws DomainTakenException when another app has it
     */
    public boolean bind(String domain, String app, String by) {
        try {
            jdbi.useHandle(h -> h.createUpdate("INSERT INTO domains (domain, app, created_by, created_at) "
                            + "VALUES (:d, :app, :by, :now)")
                    .bind("d", domain).bind("app", app).bind("by", by).bind("now", UtcTimes.toColumn(UtcTimes.now(clock)))
                    .execute());
            return true;
        } catch (JdbiException e) {
            if (!SqlErrors.isDuplicateKey(e)) {
                throw e;
            }
            String owner = owner(domain).orElse(app); // unbound meanwhile: treat as the same app's
            if (!owner.equals(app)) {
                throw new DomainTakenException(domain, owner);
            }
            return false;
        }
    }

    /** @return whether the app had the domain */
    public boolean unbind(String domain, String app) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM domains WHERE domain = :d AND app = :app")
                .bind("d", domain).bind("app", app).execute()) > 0;
    }

    public Optional<String> owner(String domain) {
        return jdbi.withHandle(h -> h.createQuery("SELECT app FROM domains WHERE domain = :d")
                .bind("d", domain).mapTo(String.class).findOne());
    }

    /** The app's domains, sorted. */
    public List<String> of(String app) {
        return jdbi.withHandle(h -> h.createQuery("SELECT domain FROM domains WHERE app = :app ORDER BY domain")
                .bind("app", app).mapTo(String.class).list());
    }

    /** Every binding, domain → app. */
    public Map<String, String> all() {
        Map<String, String> out = new LinkedHashMap<>();
        jdbi.useHandle(h -> h.createQuery("SELECT domain, app FROM domains ORDER BY domain")
                .map((rs, ctx) -> Map.entry(rs.getString("domain"), rs.getString("app")))
                .forEach(e -> out.put(e.getKey(), e.getValue())));
        return out;
    }

    /** Removes every binding of the app (when the app is deleted). */
    public int deleteAll(String app) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM domains WHERE app = :app").bind("app", app).execute());
    }
}
