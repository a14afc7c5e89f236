package io.dinp.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * Converts instants to and from DATETIME(3) columns, which hold UTC wall-clock time so neither
 * the JVM's nor the server's time zone changes what is stored.
 */
final class UtcTimes {
    private UtcTimes() {
    }

    /** Now, cut to the millisecond the column keeps, so what is written reads back equal. */
    static Instant now(Clock clock) {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    static LocalDateTime toColumn(Instant t) {
        return t == null ? null : LocalDateTime.ofInstant(t, ZoneOffset.UTC);
    }

    static Instant fromColumn(ResultSet rs, String column) throws SQLException {
        LocalDateTime t = rs.getObject(column, LocalDateTime.class);
        return t == null ? null : t.toInstant(ZoneOffset.UTC);
    }
}
