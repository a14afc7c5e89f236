package io.dinp.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.time.Duration;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The SQL database holding desired state: a connection pool with the schema migrated to the latest version. */
public final class Database implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    private static final int MAX_POOL = 8;

    private final HikariDataSource dataSource;
    private final Jdbi jdbi;
    private final DatabaseKind kind;

    private Database(HikariDataSource dataSource, DatabaseKind kind) {
        this.dataSource = dataSource;
        this.kind = kind;
        this.jdbi = Jdbi.create(dataSource);
    }

    /**
     * Opens a pool on {@code jdbcUrl} and applies any pending migration; safe to call on a
     * database that is already up to date.
     *
     * @throws IllegalArgumentException if the URL is neither H2 nor MariaDB
     */
    public static Database open(String jdbcUrl, String user, String password) {
        return open(jdbcUrl, user, password, DatabaseTls.NONE);
    }

    /**
     * Like {@link #open(String, String, String)}, over TLS as {@code tls} says.
     *
     * @throws IllegalArgumentException if TLS cannot apply to the URL
     * @throws DatabaseUnreachableException when no connection can be made, saying why (a refused
     *         certificate, a refused login, no server)
     */
    public static Database open(String jdbcUrl, String user, String password, DatabaseTls tls) {
        DatabaseKind kind = DatabaseKind.of(jdbcUrl);
        tls.checkFits(jdbcUrl, kind);
        HikariDataSource ds;
        try {
            ds = new HikariDataSource(poolConfig(jdbcUrl, user, password, kind, tls));
        } catch (RuntimeException e) {
            throw DatabaseUnreachableException.of(jdbcUrl, tls, e);
        }
        try {
            MigrateResult result = Flyway.configure()
                    .dataSource(ds)
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
            LOG.info("store {} at {} ({}): schema version {} ({} migration(s) applied)", kind,
                    JdbcUrls.redact(jdbcUrl), tls, result.targetSchemaVersion == null ? "unchanged" : result.targetSchemaVersion,
                    result.migrationsExecuted);
            return new Database(ds, kind);
        } catch (RuntimeException e) {
            ds.close();
            throw e;
        }
    }

    /** The URL of the embedded H2 database kept in {@code dataDir}, with the flags the schema needs. */
    public static String h2FileUrl(Path dataDir) {
        return JdbcUrls.h2File(dataDir);
    }

    private static HikariConfig poolConfig(String jdbcUrl, String user, String password, DatabaseKind kind,
                                           DatabaseTls tls) {
        HikariConfig c = new HikariConfig();
        c.setPoolName("dinp-store");
        c.setJdbcUrl(jdbcUrl);
        c.setUsername(user);
        c.setPassword(password);
        c.setMaximumPoolSize(MAX_POOL);
        c.setMinimumIdle(1);
        c.setConnectionTimeout(Duration.ofSeconds(10).toMillis());
        c.setValidationTimeout(Duration.ofSeconds(3).toMillis());
        c.setDataSourceProperties(tls.driverProperties());
        if (kind == DatabaseKind.MARIADB) {
            // A restarted server leaves dead sockets in the pool: Hikari checks a connection
            // (isValid) before handing it out once it has sat idle for a moment, and the
            // keepalive finds dead idle ones between uses. The default maxLifetime (30 min)
            // already retires connections well before the server's wait_timeout.
            c.setKeepaliveTime(Duration.ofMinutes(1).toMillis());
            // Non-strict servers silently truncate over-long values; for the source of truth
            // an error is better than a corrupted env.
            c.setConnectionInitSql("SET SESSION sql_mode = CONCAT_WS(',', NULLIF(@@SESSION.sql_mode, ''), 'STRICT_TRANS_TABLES')");
        }
        return c;
    }

    /** The query interface over the pool; stores use it, callers normally use the stores. */
    public Jdbi jdbi() {
        return jdbi;
    }

    public DatabaseKind kind() {
        return kind;
    }

    /** Closes the pool; an embedded H2 database is closed with its last connection. */
    @Override
    public void close() {
        dataSource.close();
    }
}
