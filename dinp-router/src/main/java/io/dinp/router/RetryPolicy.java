package io.dinp.router;

import io.netty.handler.codec.http.HttpMethod;
import java.util.Set;

/**
 * Whether a request whose attempt failed may be sent again, so that an instance going away
 * does not fail requests it never answered: always when the app cannot have seen the request,
 * otherwise only when acting on it twice is harmless and nothing of its body has gone out.
 * Once the backend sent any byte of a response, only when none of it reached the client: the
 * router holds a small response whole before sending it ({@link #holdWhole}), so an instance
 * killed between the head and the end of a response fails no GET either.
 */
final class RetryPolicy {
    /** How far an attempt got before its connection failed, with no response byte received. */
    enum Failure {
        /** No connection was made: nothing was sent. */
        CONNECT,
        /** The connection failed writing the request head: the app cannot have read any of it. */
        UNSENT,
        /** The request (or its start) was written, then the connection closed: the app may have acted on it. */
        UNANSWERED,
        /**
         * The backend began a response and closed before its end, and none of it reached the client
         * (the router was holding it, see {@link #holdWhole}): the app acted on the request.
         */
        CUT
    }

    /** The longest response body the router holds whole before sending any of it: 64 KiB. */
    static final long HOLD_LIMIT_BYTES = 64 * 1024;

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
        if (responseBytesReceived && failure != Failure.CUT) {
            return false;
        }
        return switch (failure) {
            case CONNECT, UNSENT -> true;
            case UNANSWERED, CUT -> IDEMPOTENT.contains(method) && !bodySent;
        };
    }

    /**
     * Whether a response is held until its end before any of it goes to the client, so that an
     * instance that dies mid-response leaves a request that can still be repeated elsewhere: when a
     * cut could be repeated ({@link Failure#CUT}) and the response says its length, at most
     * {@link #HOLD_LIMIT_BYTES}. Anything longer, or of unknown length (chunked, streamed events,
     * long polls), goes out piece by piece as it comes, as before.
     *
     * @param contentLength the response's Content-Length, -1 when it has none
     */
    static boolean holdWhole(HttpMethod method, boolean bodySent, long contentLength) {
        return contentLength >= 0 && contentLength <= HOLD_LIMIT_BYTES && mayRetry(Failure.CUT, method, bodySent, true);
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
