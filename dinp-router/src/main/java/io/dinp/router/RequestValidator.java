package io.dinp.router;

import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import java.util.List;
import java.util.Locale;

/**
 * Decides whether a request head may be proxied, on top of what the decoder configured in
 * {@link FrontendInitializer} already refuses (bare CR or LF, invalid header names and values,
 * a second Content-Length, Content-Length with Transfer-Encoding, Transfer-Encoding in HTTP/1.0
 * or not ending in {@code chunked}). Where the router and an app could read a request's framing
 * or target differently lies request smuggling, so anything ambiguous is refused rather than
 * interpreted; a refused request is answered by the router and reaches no app.
 */
final class RequestValidator {
    /** Why a request is refused: the status to answer and what to tell the client. */
    record Rejection(HttpResponseStatus status, String reason) {
    }

    private RequestValidator() {
    }

    /** The reason to refuse the request, or null when it may go on to routing. */
    static Rejection check(HttpRequest request, RouterConfig config) {
        DecoderResult decoded = request.decoderResult();
        if (decoded.isFailure()) {
            return decodeFailure(decoded.cause(), config);
        }
        HttpVersion version = request.protocolVersion();
        if (!"HTTP".equals(version.protocolName()) || version.majorVersion() != 1 || version.minorVersion() > 1) {
            return new Rejection(HttpResponseStatus.HTTP_VERSION_NOT_SUPPORTED,
                    "The router speaks HTTP/1.1 and HTTP/1.0, not " + version.text() + ".");
        }
        HttpHeaders headers = request.headers();
        List<String> hosts = headers.getAll(HttpHeaderNames.HOST);
        if (hosts.size() > 1) {
            return badRequest("The request has more than one Host header.");
        }
        String host = hosts.isEmpty() ? null : hosts.getFirst();
        if (host == null && version.minorVersion() == 1) {
            return badRequest("An HTTP/1.1 request needs a Host header.");
        }
        if (host != null && HostNames.normalize(host) == null) {
            return badRequest("The Host header is not a valid host name with an optional port.");
        }
        Rejection target = checkTarget(request.method(), request.uri(), host);
        if (target != null) {
            return target;
        }
        List<String> codings = headers.getAll(HttpHeaderNames.TRANSFER_ENCODING);
        if (!codings.isEmpty() && !(codings.size() == 1
                && HttpHeaderValues.CHUNKED.contentEqualsIgnoreCase(codings.getFirst()))) {
            return badRequest("Transfer-Encoding must be exactly \"chunked\".");
        }
        return null;
    }

    /**
     * A 413 when the request's Content-Length is over {@code limit}, else null. Separate from
     * {@link #check}: the limit depends on the app the request is for, known only once it is routed.
     */
    static Rejection bodyTooLarge(HttpRequest request, long limit) {
        long length = HttpUtil.getContentLength(request, 0L);
        if (length > limit) {
            return new Rejection(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "The request body (" + length
                    + " bytes) is larger than the limit of " + limit + " bytes.");
        }
        return null;
    }

    /**
     * Puts a request that passed {@link #check} in the one form the router forwards, so the app
     * cannot read it differently from the router: an origin-form target ({@code /path?query}),
     * and the framing as parsed ({@code Transfer-Encoding: chunked} or a plain Content-Length).
     */
    static void normalize(HttpRequest request) {
        String uri = request.uri();
        if (isAbsoluteForm(uri)) {
            int start = uri.indexOf("//") + 2;
            int end = authorityEnd(uri, start);
            String rest = uri.substring(end);
            request.setUri(rest.startsWith("/") ? rest : "/" + rest);
        }
        HttpHeaders headers = request.headers();
        if (headers.contains(HttpHeaderNames.TRANSFER_ENCODING)) {
            headers.set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
        } else if (headers.contains(HttpHeaderNames.CONTENT_LENGTH)) {
            headers.set(HttpHeaderNames.CONTENT_LENGTH, HttpUtil.getContentLength(request));
        }
    }

    private static Rejection decodeFailure(Throwable cause, RouterConfig config) {
        if (cause instanceof TooLongHttpLineException) {
            return new Rejection(HttpResponseStatus.REQUEST_URI_TOO_LONG,
                    "The request line is longer than " + config.maxRequestLineLength() + " bytes.");
        }
        if (cause instanceof TooLongHttpHeaderException) {
            return new Rejection(HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
                    "The request headers are larger than " + config.maxHeaderSize() + " bytes in all.");
        }
        return badRequest("The request could not be parsed: " + cause.getMessage());
    }

    /**
     * The request target must be a path ({@code /...}), {@code *} for OPTIONS, or an absolute
     * http(s) URL naming the same host as the Host header, in visible ASCII only. The authority
     * form of CONNECT is refused: the router is no forward proxy.
     */
    private static Rejection checkTarget(HttpMethod method, String uri, String host) {
        if (uri.isEmpty() || !visibleAsciiWithoutFragment(uri)) {
            return badRequest("The request target must be visible ASCII without spaces or a #fragment.");
        }
        if (uri.equals("*")) {
            return HttpMethod.OPTIONS.equals(method) ? null : badRequest("Only OPTIONS may ask for \"*\".");
        }
        if (uri.startsWith("/")) {
            return null;
        }
        if (!isAbsoluteForm(uri)) {
            return badRequest("The request target must be a path starting with / or an absolute http URL.");
        }
        int start = uri.indexOf("//") + 2;
        String authority = uri.substring(start, authorityEnd(uri, start));
        if (authority.contains("@")) {
            return badRequest("The request target must not carry user information.");
        }
        String targetHost = HostNames.normalize(authority);
        if (targetHost == null || host == null || !targetHost.equals(HostNames.normalize(host))) {
            return badRequest("The host in the request target differs from the Host header.");
        }
        return null;
    }

    // a plain loop: this runs for every request
    private static boolean visibleAsciiWithoutFragment(String uri) {
        for (int i = 0; i < uri.length(); i++) {
            char c = uri.charAt(i);
            if (c <= 0x20 || c >= 0x7f || c == '#') {
                return false;
            }
        }
        return true;
    }

    private static boolean isAbsoluteForm(String uri) {
        String lower = uri.toLowerCase(Locale.ROOT);
        return lower.startsWith("http://") || lower.startsWith("https://");
    }

    private static int authorityEnd(String uri, int start) {
        for (int i = start; i < uri.length(); i++) {
            char c = uri.charAt(i);
            if (c == '/' || c == '?') {
                return i;
            }
        }
        return uri.length();
    }

    private static Rejection badRequest(String reason) {
        return new Rejection(HttpResponseStatus.BAD_REQUEST, reason);
    }
}
