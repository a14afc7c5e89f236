package io.dinp.store;

import java.sql.SQLException;

/** Recognises the SQL errors the stores turn into domain exceptions, for both H2 and MariaDB. */
final class SqlErrors {
    /** SQLSTATE for a unique-key violation as H2 reports it (MariaDB uses the generic 23000). */
    private static final String UNIQUE_VIOLATION = "23505";
    /** MySQL/MariaDB ER_DUP_ENTRY. */
    private static final int MYSQL_DUP_ENTRY = 1062;

    private SqlErrors() {
    }

    /** Whether {@code e}, or any cause of it, is a duplicate-key error. */
    static boolean isDuplicateKey(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                for (SQLException s = sql; s != null; s = s.getNextException()) {
                    if (UNIQUE_VIOLATION.equals(s.getSQLState())
                            || ("23000".equals(s.getSQLState()) && s.getErrorCode() == MYSQL_DUP_ENTRY)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
