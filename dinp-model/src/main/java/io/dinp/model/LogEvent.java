package io.dinp.model;

import java.time.Instant;

/**
 * One message of a log stream: a line an instance wrote, or a notice about the stream itself.
 * Flat so that it is one small JSON object per line on the wire (absent fields are left out).
 *
 * @param type     null for a line; {@code dropped}, {@code keepalive} or {@code error} for notices
 * @param instance the instance that wrote the line, or whose lines were dropped
 * @param node     the node the instance runs (or ran) on
 * @param stream   {@code stdout} or {@code stderr}
 * @param time     when Docker received the line
 * @param count    how many lines were dropped, for {@code dropped}
 * @param message  what went wrong, for {@code error}
 */
public record LogEvent(String type, String instance, String node, String stream, Instant time, String line,
                       Long count, String message) {
    public static final String DROPPED = "dropped";
    public static final String KEEPALIVE = "keepalive";
    public static final String ERROR = "error";

    public static LogEvent line(String instance, String node, String stream, Instant time, String line) {
        return new LogEvent(null, instance, node, stream, time, line, null, null);
    }

    /** Lines of the instance were dropped because its reader fell behind. */
    public static LogEvent dropped(String instance, String node, long count) {
        return new LogEvent(DROPPED, instance, node, null, null, null, count, null);
    }

    /** Sent on a quiet stream, so both ends notice a peer that went away. */
    public static LogEvent keepalive() {
        return new LogEvent(KEEPALIVE, null, null, null, null, null, null, null);
    }

    /** Part of the stream is missing, e.g. a node could not be reached. */
    public static LogEvent error(String node, String message) {
        return new LogEvent(ERROR, null, node, null, null, null, null, message);
    }

    public boolean hasLine() {
        return type == null;
    }

    /** The same message as seen from {@code node} (agents in one JVM do not know they are one of many). */
    public LogEvent onNode(String nodeId) {
        return new LogEvent(type, instance, nodeId, stream, time, line, count, message);
    }
}
