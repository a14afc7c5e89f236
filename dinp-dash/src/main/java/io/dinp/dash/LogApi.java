package io.dinp.dash;

import io.dinp.common.Durations;
import io.dinp.common.http.ApiException;
import io.dinp.common.http.Exchange;
import io.dinp.common.http.HttpApi;
import io.dinp.common.http.LogQueries;
import io.dinp.common.logs.ByteBudget;
import io.dinp.common.logs.LogWire;
import io.dinp.model.AppSpec;
import io.dinp.model.LogQuery;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Semaphore;
import java.util.function.Function;

/**
 * {@code GET /api/v1/apps/{name}/logs}: the app's instances' output from every node, merged,
 * as newline-delimited JSON; with {@code follow=true} it goes on, taking in new instances, until
 * the caller leaves. Dash reads the logs through the agents and never talks to Docker.
 */
final class LogApi {
    static final int DEFAULT_TAIL = 100;
    /** Log streams one dash serves at once; each holds a thread per node and bounded queues. */
    static final int MAX_STREAMS = 64;
    /** What the queues of all streams of this dash may hold together. */
    static final long BUDGET_BYTES = 64L * 1024 * 1024;
    static final Duration KEEPALIVE = Duration.ofSeconds(10);

    private final Function<Exchange, AppSpec> appOf;
    private final LogFanOut fanOut;
    private final Semaphore streams = new Semaphore(MAX_STREAMS);
    private final Clock clock;

    LogApi(Function<Exchange, AppSpec> appOf, LogNodes nodes, Clock clock) {
        this.appOf = appOf;
        this.fanOut = new LogFanOut(nodes, new ByteBudget(BUDGET_BYTES), KEEPALIVE);
        this.clock = clock;
    }

    void register(HttpApi api) {
        api.route("GET", "/api/v1/apps/{name}/logs", this::logs);
    }

    private void logs(Exchange ex) throws Exception {
        AppSpec app = appOf.apply(ex);
        LogQuery q = query(ex, app.name(), clock.instant());
        if (!streams.tryAcquire()) {
            throw new ApiException(429, "too many log streams are open on this dash (" + MAX_STREAMS + "); try again later");
        }
        try (OutputStream out = new BufferedOutputStream(ex.stream(200, LogWire.CONTENT_TYPE), 64 * 1024)) {
            fanOut.run(q, LogWire.writer(out));
        } finally {
            streams.release();
        }
    }

    /** {@code follow}, {@code instance}, {@code since} (a duration back from now, or an instant), {@code tail}. */
    static LogQuery query(Exchange ex, String app, Instant now) {
        String instance = LogQueries.instance(ex.query("instance"));
        int tail = LogQueries.tail(ex.query("tail"), DEFAULT_TAIL);
        boolean follow = LogQueries.bool(ex.query("follow"), "follow");
        return new LogQuery(app, instance, since(ex.query("since"), now), tail, follow);
    }

    static Instant since(String v, Instant now) {
        if (v == null || v.isEmpty()) {
            return null;
        }
        try {
            return now.minus(Durations.parse(v));
        } catch (IllegalArgumentException notADuration) {
            try {
                return Instant.parse(v);
            } catch (DateTimeParseException e) {
                throw new ApiException(400, "since: must be a duration back from now (30s, 10m, 2h, 1d) or an instant "
                        + "such as 2026-12-04T19:56:11Z, was " + v);
            }
        }
    }
}
