package io.dinp.common.http;

import io.dinp.model.AppValidation;
import io.dinp.model.LogQuery;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * A {@link LogQuery} as the query string of the agents' log endpoint and back:
 * {@code instance=ID&since=ISO-INSTANT&tail=N&follow=true}, the app in the path.
 */
public final class LogQueries {
    /** Instance ids are the server's short hex ids; this is looser but keeps them plain. */
    public static final Pattern INSTANCE = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$");
    public static final int MAX_TAIL = 10_000;

    private LogQueries() {
    }

    public static String path(LogQuery q) {
        StringBuilder s = new StringBuilder("/internal/v1/apps/").append(enc(q.app())).append("/logs?tail=").append(q.tail())
                .append("&follow=").append(q.follow());
        if (q.instance() != null) {
            s.append("&instance=").append(enc(q.instance()));
        }
        if (q.since() != null) {
            s.append("&since=").append(enc(q.since().toString()));
        }
        return s.toString();
    }

    /** The query of a request to {@code /internal/v1/apps/{app}/logs}; 400 naming the bad parameter. */
    public static LogQuery parse(Exchange ex) {
        String app = ex.param("app");
        if (!AppValidation.name(app).isEmpty()) {
            throw new ApiException(400, "app: not an app name");
        }
        String instance = instance(ex.query("instance"));
        Instant since = null;
        if (ex.query("since") != null) {
            try {
                since = Instant.parse(ex.query("since"));
            } catch (DateTimeParseException e) {
                throw new ApiException(400, "since: must be an ISO-8601 instant such as 2026-12-04T19:56:11Z");
            }
        }
        return new LogQuery(app, instance, since, tail(ex.query("tail"), LogQuery.ALL), bool(ex.query("follow"), "follow"));
    }

    /** An instance id parameter, or null when absent; 400 when it cannot be one. */
    public static String instance(String v) {
        if (v == null || v.isEmpty()) {
            return null;
        }
        if (!INSTANCE.matcher(v).matches()) {
            throw new ApiException(400, "instance: not an instance id (see dinp ps APP)");
        }
        return v;
    }

    /** A line count 0..{@value #MAX_TAIL}, {@code all} or -1 for every line; {@code dflt} when absent. */
    public static int tail(String v, int dflt) {
        if (v == null || v.isEmpty()) {
            return dflt;
        }
        if (v.equals("all") || v.equals("-1")) {
            return LogQuery.ALL;
        }
        try {
            int n = Integer.parseInt(v);
            if (n >= 0 && n <= MAX_TAIL) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ApiException(400, "tail: must be a whole number 0.." + MAX_TAIL + " or all, was " + v);
    }

    public static boolean bool(String v, String name) {
        if (v == null || v.isEmpty() || v.equals("false") || v.equals("0")) {
            return false;
        }
        if (v.equals("true") || v.equals("1")) {
            return true;
        }
        throw new ApiException(400, name + ": must be true or false, was " + v);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
