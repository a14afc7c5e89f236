package io.dinp.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.dinp.common.Json;
import io.dinp.model.AppSpec;
import io.dinp.model.AppValidation;
import io.dinp.model.FieldError;
import io.dinp.model.HealthCheck;
import io.dinp.model.HealthSettings;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.StatementContext;

/** The desired state of every app: the one place it is written and read. */
public final class AppStore {
    private static final String COLUMNS = "name, image, instances, memory_mb, env, secret_env, health_path, health, generation";
    private static final TypeReference<Map<String, String>> ENV = new TypeReference<>() {
    };

    /**
     * The team of apps created without one (by components and tests) and of apps from before
     * teams existed; the bootstrap admin owns it.
     */
    public static final String DEFAULT_TEAM = "default";

    private final Jdbi jdbi;
    private final Clock clock;

    public AppStore(Database db) {
        this(db, Clock.systemUTC());
    }

    public AppStore(Database db, Clock clock) {
        this.jdbi = db.jdbi();
        this.clock = clock;
    }

    /**
     * Stores a new app at generation 1, whatever generation {@code spec} carries.
     *
     * @throws AppExistsException if the name is taken
     * @throws IllegalArgumentException if the spec breaks a rule of {@link AppValidation}
     */
    public AppSpec create(AppSpec spec) {
        return create(spec, DEFAULT_TEAM);
    }

    /**
     * Stores a new app of {@code team} at generation 1, whatever generation {@code spec} carries.
     *
     * @throws AppExistsException if the name is taken (app names are one namespace: they are DNS labels)
     * @throws IllegalArgumentException if the spec breaks a rule of {@link AppValidation}
     */
    public AppSpec create(AppSpec spec, String team) {
        Objects.requireNonNull(team, "team");
        validate(spec);
        AppSpec stored = atGeneration(spec, 1);
        Instant now = UtcTimes.now(clock);
        try {
            jdbi.useHandle(h -> h.createUpdate("INSERT INTO apps (" + COLUMNS + ", team, created_at, updated_at) "
                            + "VALUES (:name, :image, :instances, :memoryMb, :env, :secretEnv, :healthPath, :healthJson, :generation, :team, :now, :now)")
                    .bindMethods(stored)
                    .bind("team", team)
                    .bind("env", writeEnv(stored.env()))
                    .bind("secretEnv", writeSecretEnv(stored.secretEnv()))
                    .bind("healthJson", writeHealth(stored.health()))
                    .bind("now", UtcTimes.toColumn(now))
                    .execute());
        } catch (JdbiException e) {
            // the primary key decides, so two concurrent creates cannot both win
            if (SqlErrors.isDuplicateKey(e)) {
                throw new AppExistsException(spec.name());
            }
            throw e;
        }
        return stored;
    }

    public Optional<AppSpec> get(String name) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM apps WHERE name = :name")
                .bind("name", name)
                .map(AppStore::mapRow)
                .findOne());
    }

    /** The app with its team, or empty. */
    public Optional<OwnedApp> getOwned(String name) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + ", team FROM apps WHERE name = :name")
                .bind("name", name)
                .map((rs, ctx) -> new OwnedApp(mapRow(rs, ctx), rs.getString("team")))
                .findOne());
    }

    /** Every app with its team, ordered by name. */
    public List<OwnedApp> listOwned() {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + ", team FROM apps ORDER BY name")
                .map((rs, ctx) -> new OwnedApp(mapRow(rs, ctx), rs.getString("team")))
                .list());
    }

    /** Every app, ordered by name. */
    public List<AppSpec> list() {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM apps ORDER BY name")
                .map(AppStore::mapRow)
                .list());
    }

    /**
     * Applies {@code change} to the current spec and stores the result with the next generation,
     * all in one transaction with the row locked, so concurrent updates never lose each other.
     * {@code change} runs while the lock is held: keep it quick and free of I/O.
     *
     * @throws NoSuchAppException if there is no such app
     * @throws IllegalArgumentException if the changed spec renames the app or breaks a rule
     */
    public AppSpec update(String name, UnaryOperator<AppSpec> change) {
        return jdbi.inTransaction(h -> {
            AppSpec current = h.createQuery("SELECT " + COLUMNS + " FROM apps WHERE name = :name FOR UPDATE")
                    .bind("name", name)
                    .map(AppStore::mapRow)
                    .findOne()
                    .orElseThrow(() -> new NoSuchAppException(name));
            AppSpec changed = Objects.requireNonNull(change.apply(current), "change returned null");
            if (!name.equals(changed.name())) {
                throw new IllegalArgumentException("name: an app cannot be renamed (from '" + name + "' to '"
                        + changed.name() + "'); create a new app instead");
            }
            validate(changed);
            AppSpec next = atGeneration(changed, current.generation() + 1);
            write(h, next, UtcTimes.now(clock));
            return next;
        });
    }

    /** Removes the app; false if there was none. */
    public boolean delete(String name) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM apps WHERE name = :name")
                .bind("name", name)
                .execute()) > 0;
    }

    private static void write(Handle h, AppSpec spec, Instant now) {
        h.createUpdate("UPDATE apps SET image = :image, instances = :instances, memory_mb = :memoryMb, env = :env, "
                        + "secret_env = :secretEnv, health_path = :healthPath, health = :healthJson, generation = :generation, "
                        + "updated_at = :now WHERE name = :name")
                .bindMethods(spec)
                .bind("env", writeEnv(spec.env()))
                .bind("secretEnv", writeSecretEnv(spec.secretEnv()))
                .bind("healthJson", writeHealth(spec.health()))
                .bind("now", UtcTimes.toColumn(now))
                .execute();
    }

    /** The store refuses what the schema could not hold faithfully, even if a caller forgot to check. */
    private static void validate(AppSpec s) {
        List<FieldError> errors = AppValidation.spec(s.name(), s.image(), s.instances(), s.memoryMb(), s.env(), s.secretEnv(),
                s.healthPath());
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(errors.stream().map(FieldError::toString).collect(Collectors.joining("; ")));
        }
    }

    private static AppSpec atGeneration(AppSpec s, long generation) {
        return s.withGeneration(generation);
    }

    private static AppSpec mapRow(ResultSet rs, StatementContext ctx) throws SQLException {
        String secrets = rs.getString("secret_env");
        return new AppSpec(rs.getString("name"), rs.getString("image"), rs.getInt("instances"), rs.getInt("memory_mb"),
                readEnv(rs.getString("env")), secrets == null ? Map.of() : readEnv(secrets),
                readHealth(rs.getString("health"), rs.getString("health_path")), rs.getLong("generation"));
    }

    /** Sealed values only (checked by {@link #validate}); null for none, as every app from before secrets. */
    private static String writeSecretEnv(Map<String, String> sealed) {
        return sealed.isEmpty() ? null : Json.write(sealed);
    }

    private static String writeHealth(HealthSettings h) {
        return h.equals(HealthSettings.DEFAULTS.withPath(h.path())) ? null : Json.write(HealthCheck.of(h));
    }

    private static HealthSettings readHealth(String json, String path) {
        HealthSettings base = HealthSettings.DEFAULTS.withPath(path);
        if (json == null) {
            return base;
        }
        try {
            return Json.MAPPER.readValue(json, HealthCheck.class).over(base, "health.");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("health column does not hold a JSON health check", e);
        }
    }

    private static String writeEnv(Map<String, String> env) {
        return Json.write(env);
    }

    private static Map<String, String> readEnv(String json) {
        try {
            return Json.MAPPER.readValue(json, ENV);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("env column does not hold a JSON object of strings", e);
        }
    }
}
