package io.dinp.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A throw-away database on the test MariaDB server, so a test class never sees another's rows.
 * The server comes from DINP_TEST_MARIADB_URL / _USER / _PASSWORD.
 */
final class MariaDbTestDatabase implements AutoCloseable {
    private static final String BASE_URL = env("DINP_TEST_MARIADB_URL", "jdbc:mariadb://127.0.0.1:3306/dinp_test");
    static final String USER = env("DINP_TEST_MARIADB_USER", "dinp");
    static final String PASSWORD = env("DINP_TEST_MARIADB_PASSWORD", "dinp");
    private static final Pattern URL = Pattern.compile("^(jdbc:mariadb://[^/]+/)([^?]*)(.*)$");

    private final String name;
    private final String url;

    private MariaDbTestDatabase(String name, String url) {
        this.name = name;
        this.url = url;
    }

    /**
     * Creates the database with latin1 as its default character set, as old servers did, so
     * the tests prove the schema brings its own utf8mb4 rather than relying on the server's.
     */
    static MariaDbTestDatabase create() throws SQLException {
        Matcher m = URL.matcher(BASE_URL);
        if (!m.matches()) {
            throw new IllegalStateException("DINP_TEST_MARIADB_URL must look like jdbc:mariadb://host:port/database");
        }
        String name = "dinp_test_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        try (Connection c = admin(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name + " CHARACTER SET latin1");
        }
        return new MariaDbTestDatabase(name, m.group(1) + name + m.group(3));
    }

    String url() {
        return url;
    }

    /** Kills every server connection to this database, as a server restart would. */
    int killConnections() throws SQLException {
        try (Connection c = admin(); Statement s = c.createStatement()) {
            List<Long> ids = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT id FROM information_schema.processlist WHERE db = '" + name + "'")) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
            for (long id : ids) {
                s.execute("KILL CONNECTION " + id);
            }
            return ids.size();
        }
    }

    @Override
    public void close() throws SQLException {
        try (Connection c = admin(); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name);
        }
    }

    private static Connection admin() throws SQLException {
        return DriverManager.getConnection(BASE_URL, USER, PASSWORD);
    }

    private static String env(String key, String fallback) {
        String v = System.getenv(key);
        return v == null || v.isBlank() ? fallback : v;
    }
}
