package io.dinp.router;

import io.netty.handler.codec.http.HttpMethod;
import java.util.Set;

/**
 * Whether a request whose attempt failed may be sent again, so that an instance going away
 * does not fail requests it never answered: always when the app cannot have seen the request,
 * otherwise only when acting on it twice is harmless and nothing of its body has gone out.
 * Once the backend sent any byte of a response, never.
 */
final class RetryPolicy {
    /** How far an attempt got before its connection failed, with no response byte received. */
    enum Failure {
        /** No connection was made: nothing was sent. */
        CONNECT,
        /** The connection failed writing the request head: the app cannot have read any of it. */
        UNSENT,
        /** The request (or its start) was written, then the connection closed: the app may have acted on it. */
        UNANSWERED
    }

    private static final Set<HttpMethod> IDEMPOTENT = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS,
            HttpMethod.TRACE, HttpMethod.PUT, HttpMethod.DELETE);

    private RetryPolicy() {
    }

    /**
     * @param bodySent              request body bytes (or trailers) were written to some backend; they are
     *                              not kept, so the request could not be repeated whole
     * @param responseBytesReceived the backend sent at least one byte of a response
     */
    static boolean mayRetry(Failure failure, HttpMethod method, boolean bodySent, boolean responseBytesReceived) {
        if (responseBytesReceived) {
            return false;
        }
        return switch (failure) {
            case CONNECT, UNSENT -> true;
            case UNANSWERED -> IDEMPOTENT.contains(method) && !bodySent;
        };
    }

    /** The first pause before another round over an app's instances; each next one doubles, up to {@link #MAX_ROUND_PAUSE_MS}. */
    static final long FIRST_ROUND_PAUSE_MS = 50;
    static final long MAX_ROUND_PAUSE_MS = 400;

    /**
     * When no instance of an app took a connection in a round (nothing was sent to any): the pause
     * before trying them all again, 50, 100, 200, 400, 400… ms, or -1 when that round would start
     * after {@code graceMillis} from the request's start.
     *
     * @param roundsDone  rounds over the instances so far, the first included (at least 1)
     * @param elapsedMillis since the request's first attempt
     */
    static long nextRoundDelayMillis(int roundsDone, long elapsedMillis, long graceMillis) {
        long pause = FIRST_ROUND_PAUSE_MS << Math.min(Math.max(roundsDone - 1, 0), 10);
        pause = Math.min(pause, MAX_ROUND_PAUSE_MS);
        return elapsedMillis + pause > graceMillis ? -1 : pause;
    }
}
