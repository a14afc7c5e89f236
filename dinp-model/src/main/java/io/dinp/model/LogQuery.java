package io.dinp.model;

import java.time.Instant;

/**
 * Which log lines of an app to read.
 *
 * @param instance only this instance, or null for all
 * @param since    only lines written at or after this time, or null for no limit
 * @param tail     at most this many of the newest lines of each instance; -1 for all
 * @param follow   keep streaming new lines, and the lines of new instances, until the reader leaves
 */
public record LogQuery(String app, String instance, Instant since, int tail, boolean follow) {
    public static final int ALL = -1;

    /** The same query for lines written from now on only: a stream resumed after a break. */
    public LogQuery onlyNew() {
        return new LogQuery(app, instance, since, 0, follow);
    }
}
