package io.dinp.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.StatementContext;

/** Local users: name, password hash (hashed by the caller, never here), site-admin flag. */
public final class UserStore {
    private final Jdbi jdbi;
    private final Clock clock;

    public UserStore(Database db) {
        this(db, Clock.systemUTC());
    }

    public UserStore(Database db, Clock clock) {
        this.jdbi = db.jdbi();
        this.clock = clock;
    }

    /**
     * Stores a new user.
     *
     * @throws UserExistsException if the name is taken (the primary key decides, race or not)
     */
    public User create(String name, String passwordHash, boolean admin) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(passwordHash, "passwordHash");
        var now = UtcTimes.now(clock);
        try {
            jdbi.useHandle(h -> h.createUpdate("INSERT INTO users (name, password_hash, site_admin, created_at, "
                            + "password_changed_at) VALUES (:name, :hash, :admin, :now, :now)")
                    .bind("name", name)
                    .bind("hash", passwordHash)
                    .bind("admin", admin)
                    .bind("now", UtcTimes.toColumn(now))
                    .execute());
        } catch (JdbiException e) {
            if (SqlErrors.isDuplicateKey(e)) {
                throw new UserExistsException(name);
            }
            throw e;
        }
        return new User(name, passwordHash, admin, now);
    }

    public Optional<User> get(String name) {
        return jdbi.withHandle(h -> h.createQuery("SELECT name, password_hash, site_admin, created_at FROM users WHERE name = :name")
                .bind("name", name)
                .map(UserStore::mapRow)
                .findOne());
    }

    /** Every user, by name. */
    public List<User> list() {
        return jdbi.withHandle(h -> h.createQuery("SELECT name, password_hash, site_admin, created_at FROM users ORDER BY name")
                .map(UserStore::mapRow)
                .list());
    }

    /** Replaces the password hash; false if there is no such user. */
    public boolean setPassword(String name, String passwordHash) {
        Objects.requireNonNull(passwordHash, "passwordHash");
        return jdbi.withHandle(h -> h.createUpdate("UPDATE users SET password_hash = :hash, password_changed_at = :now "
                        + "WHERE name = :name")
                .bind("name", name)
                .bind("hash", passwordHash)
                .bind("now", UtcTimes.toColumn(UtcTimes.now(clock)))
                .execute()) > 0;
    }

    public int count() {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM users").mapTo(Integer.class).one());
    }

    private static User mapRow(ResultSet rs, StatementContext ctx) throws SQLException {
        return new User(rs.getString("name"), rs.getString("password_hash"), rs.getBoolean("site_admin"),
                UtcTimes.fromColumn(rs, "created_at"));
    }
}
