package io.dinp.store;

import io.dinp.model.access.Role;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Teams and who belongs to them with which role. A team always keeps at least one owner, so
 * there is always someone who may manage it besides the site admins.
 */
public final class TeamStore {
    private final Jdbi jdbi;
    private final Clock clock;

    public TeamStore(Database db) {
        this(db, Clock.systemUTC());
    }

    public TeamStore(Database db, Clock clock) {
        this.jdbi = db.jdbi();
        this.clock = clock;
    }

    /** Thrown when a team is created under a name that is already taken. */
    public static final class TeamExistsException extends RuntimeException {
        public TeamExistsException(String team) {
            super("a team named '" + team + "' already exists");
        }
    }

    /** Thrown when a change would leave a team without an owner. */
    public static final class LastOwnerException extends RuntimeException {
        public LastOwnerException(String team, String user) {
            super(user + " is the last owner of team " + team + "; make another member an owner first");
        }
    }

    /** What {@link #setMember} did. */
    public enum MemberChange { ADDED, CHANGED, UNCHANGED }

    /**
     * Creates a team with {@code owner} as its owner, both or neither.
     *
     * @throws TeamExistsException if the name is taken
     */
    public void create(String team, String owner) {
        try {
            jdbi.useTransaction(h -> {
                Instant now = UtcTimes.now(clock);
                h.createUpdate("INSERT INTO teams (name, created_by, created_at) VALUES (:team, :owner, :now)")
                        .bind("team", team).bind("owner", owner).bind("now", UtcTimes.toColumn(now)).execute();
                insertMember(h, team, owner, Role.OWNER, now);
            });
        } catch (JdbiException e) {
            if (SqlErrors.isDuplicateKey(e)) {
                throw new TeamExistsException(team);
            }
            throw e;
        }
    }

    /** Creates the team if it is missing and makes {@code owner} an owner of it, as the bootstrap needs. */
    public void ensure(String team, String owner) {
        if (!exists(team)) {
            try {
                create(team, owner);
                return;
            } catch (TeamExistsException e) {
                // created meanwhile by another dash starting on the same database: fall through
            }
        }
        setMember(team, owner, Role.OWNER);
    }

    public boolean exists(String team) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM teams WHERE name = :team")
                .bind("team", team).mapTo(Integer.class).one()) > 0;
    }

    /** Every team, by name. */
    public List<String> list() {
        return jdbi.withHandle(h -> h.createQuery("SELECT name FROM teams ORDER BY name").mapTo(String.class).list());
    }

    /** The teams {@code user} belongs to, by name, with the role in each. */
    public Map<String, Role> rolesOf(String user) {
        return jdbi.withHandle(h -> {
            Map<String, Role> out = new LinkedHashMap<>();
            h.createQuery("SELECT team, role FROM memberships WHERE user_name = :user ORDER BY team")
                    .bind("user", user)
                    .map((rs, ctx) -> Map.entry(rs.getString("team"), role(rs.getString("role"))))
                    .forEach(e -> out.put(e.getKey(), e.getValue()));
            return out;
        });
    }

    /** The members of a team, by user name; empty if there is no such team. */
    public List<Member> members(String team) {
        return jdbi.withHandle(h -> h.createQuery("SELECT user_name, role, created_at FROM memberships WHERE team = :team "
                        + "ORDER BY user_name")
                .bind("team", team)
                .map(TeamStore::mapMember)
                .list());
    }

    /**
     * Adds {@code user} to an existing team with {@code role}, or changes their role.
     *
     * @throws LastOwnerException when that would turn the team's last owner into a member
     * @throws IllegalArgumentException when there is no such team
     */
    public MemberChange setMember(String team, String user, Role role) {
        return jdbi.inTransaction(h -> {
            lockTeam(h, team);
            Optional<Role> current = currentRole(h, team, user);
            if (current.isEmpty()) {
                insertMember(h, team, user, role, UtcTimes.now(clock));
                return MemberChange.ADDED;
            }
            if (current.get() == role) {
                return MemberChange.UNCHANGED;
            }
            if (current.get() == Role.OWNER && owners(h, team) == 1) {
                throw new LastOwnerException(team, user);
            }
            h.createUpdate("UPDATE memberships SET role = :role WHERE team = :team AND user_name = :user")
                    .bind("role", role.id()).bind("team", team).bind("user", user).execute();
            return MemberChange.CHANGED;
        });
    }

    /**
     * Removes {@code user} from the team; false if they were not in it.
     *
     * @throws LastOwnerException when they are its last owner
     */
    public boolean removeMember(String team, String user) {
        return jdbi.inTransaction(h -> {
            if (!teamExists(h, team)) {
                return false;
            }
            lockTeam(h, team);
            Optional<Role> current = currentRole(h, team, user);
            if (current.isEmpty()) {
                return false;
            }
            if (current.get() == Role.OWNER && owners(h, team) == 1) {
                throw new LastOwnerException(team, user);
            }
            return h.createUpdate("DELETE FROM memberships WHERE team = :team AND user_name = :user")
                    .bind("team", team).bind("user", user).execute() > 0;
        });
    }

    /** Serializes membership changes of one team, so two owners cannot both step down at once. */
    private static void lockTeam(Handle h, String team) {
        if (h.createQuery("SELECT name FROM teams WHERE name = :team FOR UPDATE").bind("team", team)
                .mapTo(String.class).findOne().isEmpty()) {
            throw new IllegalArgumentException("no team named " + team);
        }
    }

    private static boolean teamExists(Handle h, String team) {
        return h.createQuery("SELECT COUNT(*) FROM teams WHERE name = :team").bind("team", team).mapTo(Integer.class).one() > 0;
    }

    private static Optional<Role> currentRole(Handle h, String team, String user) {
        return h.createQuery("SELECT role FROM memberships WHERE team = :team AND user_name = :user")
                .bind("team", team).bind("user", user).mapTo(String.class).findOne().map(TeamStore::role);
    }

    private static int owners(Handle h, String team) {
        return h.createQuery("SELECT COUNT(*) FROM memberships WHERE team = :team AND role = :owner")
                .bind("team", team).bind("owner", Role.OWNER.id()).mapTo(Integer.class).one();
    }

    private static void insertMember(Handle h, String team, String user, Role role, Instant now) {
        h.createUpdate("INSERT INTO memberships (team, user_name, role, created_at) VALUES (:team, :user, :role, :now)")
                .bind("team", team).bind("user", user).bind("role", role.id()).bind("now", UtcTimes.toColumn(now)).execute();
    }

    private static Member mapMember(ResultSet rs, StatementContext ctx) throws SQLException {
        return new Member(rs.getString("user_name"), role(rs.getString("role")), UtcTimes.fromColumn(rs, "created_at"));
    }

    private static Role role(String id) {
        return Role.of(id).orElseThrow(() -> new IllegalStateException("memberships.role holds an unknown role: " + id));
    }
}
