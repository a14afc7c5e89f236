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
        return any(e, s -> UNIQUE_VIOLATION.equals(s.getSQLState())
                || ("23000".equals(s.getSQLState()) && s.getErrorCode() == MYSQL_DUP_ENTRY));
    }

    /**
     * Whether {@code e}, or any cause of it, says the transaction lost a conflict with another and
     * may simply be run again: a deadlock or serialization failure (SQLSTATE 40001, MariaDB 1213),
     * a lock wait that timed out (MariaDB 1205, H2 HYT00), or H2's concurrent update (90131).
     */
    static boolean isTransactionConflict(Throwable e) {
        return any(e, s -> "40001".equals(s.getSQLState()) || "HYT00".equals(s.getSQLState())
                || s.getErrorCode() == 1213 || s.getErrorCode() == 1205 || s.getErrorCode() == 90131);
    }

    /** Whether any SQLException among {@code e}'s causes, or chained after one, is {@code what}. */
    private static boolean any(Throwable e, java.util.function.Predicate<SQLException> what) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                for (SQLException s = sql; s != null; s = s.getNextException()) {
                    if (what.test(s)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
