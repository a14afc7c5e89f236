package io.dinp.store;

import java.nio.file.Path;

/** Builds the JDBC URLs the product uses and makes any URL safe to log. */
final class JdbcUrls {
    /**
     * MODE=MySQL and lower-case identifiers so the one schema and the same queries run on H2
     * and MariaDB; NULLs sort first ascending as in MySQL; DB_CLOSE_ON_EXIT=FALSE because the
     * pool, not H2's own shutdown hook, decides when the database closes (so work done during
     * the product's shutdown can still be written).
     */
    static final String H2_FLAGS = ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=LOW;DB_CLOSE_ON_EXIT=FALSE";

    private JdbcUrls() {
    }

    static String h2File(Path dataDir) {
        return "jdbc:h2:file:" + dataDir.toAbsolutePath().normalize().resolve("dinp") + H2_FLAGS;
    }

    /** Drops everything that may carry credentials: user-info, query string and H2 settings. */
    static String redact(String jdbcUrl) {
        if (jdbcUrl == null) {
            return "null";
        }
        String s = jdbcUrl;
        int cut = indexOfAny(s, '?', ';');
        if (cut >= 0) {
            s = s.substring(0, cut) + "?…";
        }
        int at = s.indexOf('@');
        int hosts = s.indexOf("//");
        if (at >= 0 && hosts >= 0 && at > hosts) {
            s = s.substring(0, hosts + 2) + "…@" + s.substring(at + 1);
        }
        return s;
    }

    private static int indexOfAny(String s, char a, char b) {
        int i = s.indexOf(a);
        int j = s.indexOf(b);
        return i < 0 ? j : j < 0 ? i : Math.min(i, j);
    }
}
