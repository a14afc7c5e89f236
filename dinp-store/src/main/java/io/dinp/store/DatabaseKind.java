package io.dinp.store;

/** Which SQL engine a {@link Database} talks to, told apart by its JDBC URL. */
public enum DatabaseKind {
    H2("h2"),
    MARIADB("mariadb");

    private final String id;

    DatabaseKind(String id) {
        this.id = id;
    }

    /** The lower-case name used in configuration and logs: {@code h2} or {@code mariadb}. */
    public String id() {
        return id;
    }

    /** The kind for a JDBC URL; MySQL servers are reached through the MariaDB driver. */
    public static DatabaseKind of(String jdbcUrl) {
        if (jdbcUrl != null && jdbcUrl.startsWith("jdbc:h2:")) {
            return H2;
        }
        if (jdbcUrl != null && jdbcUrl.startsWith("jdbc:mariadb:")) {
            return MARIADB;
        }
        throw new IllegalArgumentException("unsupported database URL " + JdbcUrls.redact(jdbcUrl)
                + ": use jdbc:h2:file:<path> or jdbc:mariadb://<host>:<port>/<database>");
    }

    @Override
    public String toString() {
        return id;
    }
}
