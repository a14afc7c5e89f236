package io.dinp.router;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Header rewriting at the proxy boundary: hop-by-hop headers stay on their hop, forwarded
 * headers tell the app who asked, and response framing is fixed up for the client's version.
 * The one exception to hop-by-hop stripping is a protocol upgrade (a WebSocket): its
 * {@code Connection: Upgrade} and {@code Upgrade} go through, so the app can switch protocols.
 */
final class ProxyHeaders {
    private static final List<CharSequence> HOP_BY_HOP = List.of(HttpHeaderNames.CONNECTION,
            HttpHeaderNames.KEEP_ALIVE, HttpHeaderNames.PROXY_CONNECTION, HttpHeaderNames.TE,
            HttpHeaderNames.TRAILER, HttpHeaderNames.UPGRADE);
    private static final String UPGRADE_TOKEN = "Upgrade"; // as browsers and servers spell it
    static final String X_FORWARDED_FOR = "X-Forwarded-For";
    static final String X_FORWARDED_PROTO = "X-Forwarded-Proto";
    static final String X_FORWARDED_HOST = "X-Forwarded-Host";
    static final String X_FORWARDED_PORT = "X-Forwarded-Port";

    private ProxyHeaders() {
    }

    /**
     * Removes hop-by-hop headers, including those the Connection header names. Transfer-Encoding
     * stays: the codecs re-frame the body by it on the next hop.
     */
    static void removeHopByHop(HttpHeaders headers) {
        if (headers.contains(HttpHeaderNames.CONNECTION)) {
            for (String connection : headers.getAll(HttpHeaderNames.CONNECTION)) {
                removeNamed(headers, connection);
            }
        }
        for (int i = 0; i < HOP_BY_HOP.size(); i++) {
            headers.remove(HOP_BY_HOP.get(i));
        }
    }

    /** Removes the headers a Connection value names (its comma-separated tokens), except Transfer-Encoding. */
    private static void removeNamed(HttpHeaders headers, String connection) {
        int start = 0;
        int n = connection.length();
        while (start <= n) {
            int comma = connection.indexOf(',', start);
            int end = comma < 0 ? n : comma;
            String name = connection.substring(start, end).trim();
            if (!name.isEmpty() && !HttpHeaderNames.TRANSFER_ENCODING.contentEqualsIgnoreCase(name)) {
                headers.remove(name);
            }
            start = end + 1;
        }
    }

    /**
     * The protocols a request asks to switch to that the router lets through, as an {@code Upgrade}
     * value; null when it asks for none or for none of those. Honoured only on an HTTP/1.1 request
     * without a body (a WebSocket handshake is a bodiless GET), so that whatever follows the head on
     * the connection can only be the new protocol. HTTP/2 ({@code h2c}) is never let through: the
     * request then goes on as plain HTTP/1.1, which the client must accept (RFC 9110, 7.8).
     */
    static String upgradeOf(HttpRequest request) {
        HttpHeaders h = request.headers();
        String asked = h.get(HttpHeaderNames.UPGRADE);
        if (asked == null || !HttpVersion.HTTP_1_1.equals(request.protocolVersion())
                || HttpMethod.CONNECT.equals(request.method())
                || !h.containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE, true)
                || HttpUtil.isTransferEncodingChunked(request) || HttpUtil.getContentLength(request, 0L) != 0) {
            return null;
        }
        List<String> kept = new ArrayList<>();
        for (String token : asked.split(",")) {
            String protocol = token.trim();
            if (!protocol.isEmpty() && !isHttp(protocol)) {
                kept.add(protocol);
            }
        }
        return kept.isEmpty() ? null : String.join(", ", kept);
    }

    /** Whether the protocol is some HTTP: h2c, or HTTP/x written out, none of which the router tunnels. */
    private static boolean isHttp(String protocol) {
        int slash = protocol.indexOf('/');
        String name = (slash < 0 ? protocol : protocol.substring(0, slash)).trim().toLowerCase(Locale.ROOT);
        return name.equals("h2c") || name.equals("http");
    }

    /** Whether {@code protocol}, a backend's choice in a 101 response, is one of those forwarded in {@code offered}. */
    static boolean offered(String offered, String protocol) {
        if (protocol == null || protocol.isBlank() || protocol.contains(",")) {
            return false;
        }
        for (String token : offered.split(",")) {
            if (token.trim().equalsIgnoreCase(protocol.trim())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Readies a client request for a backend; the backend always gets HTTP/1.1 so its connection can be reused.
     *
     * @param scheme how the client reached the router ({@code http}, {@code https})
     * @param port   the router port the client connected to
     * @return the protocols the request asks the backend to switch to (see {@link #upgradeOf}); null for none
     */
    static String prepareRequest(HttpRequest request, String clientIp, String scheme, int port) {
        HttpHeaders h = request.headers();
        String upgrade = upgradeOf(request);
        removeHopByHop(h);
        if (upgrade != null) {
            h.set(HttpHeaderNames.CONNECTION, UPGRADE_TOKEN);
            h.set(HttpHeaderNames.UPGRADE, upgrade);
        }
        String previous = h.get(X_FORWARDED_FOR);
        h.set(X_FORWARDED_FOR, previous == null || previous.isBlank() ? clientIp : previous + ", " + clientIp);
        // The router is the edge: whatever a client claims about the scheme is not to be trusted.
        h.set(X_FORWARDED_PROTO, scheme);
        h.set(X_FORWARDED_PORT, port);
        String host = h.get(HttpHeaderNames.HOST);
        if (host != null) {
            h.set(X_FORWARDED_HOST, host);
        }
        request.setProtocolVersion(HttpVersion.HTTP_1_1);
        return upgrade;
    }

    /**
     * Readies a backend's 101 Switching Protocols for the client: the switch itself is all it says,
     * so it keeps its {@code Upgrade} and {@code Connection: Upgrade} and carries no body framing.
     */
    static void prepareSwitch(HttpResponse response) {
        HttpHeaders h = response.headers();
        String protocol = h.get(HttpHeaderNames.UPGRADE);
        removeHopByHop(h);
        h.remove(HttpHeaderNames.CONTENT_LENGTH);
        h.remove(HttpHeaderNames.TRANSFER_ENCODING);
        h.set(HttpHeaderNames.CONNECTION, UPGRADE_TOKEN);
        h.set(HttpHeaderNames.UPGRADE, protocol);
        response.setProtocolVersion(HttpVersion.HTTP_1_1);
    }

    /**
     * Readies a backend's final response for the client.
     *
     * @return whether the client connection stays open after this response
     */
    static boolean prepareResponse(HttpResponse response, HttpVersion clientVersion, boolean clientKeepAlive,
            boolean headRequest) {
        removeHopByHop(response.headers());
        boolean keepAlive = clientKeepAlive;
        int code = response.status().code();
        boolean bodyless = headRequest || code == 204 || code == 304;
        boolean http11Client = clientVersion.minorVersion() >= 1 && clientVersion.majorVersion() == 1;
        if (!bodyless) {
            boolean chunked = HttpUtil.isTransferEncodingChunked(response);
            boolean sized = HttpUtil.isContentLengthSet(response);
            if (!chunked && !sized) {
                // A close-delimited body (HTTP/1.0 style backend): chunk it so the client
                // connection survives, or close it after the body when the client cannot chunk.
                if (http11Client) {
                    HttpUtil.setTransferEncodingChunked(response, true);
                } else {
                    keepAlive = false;
                }
            } else if (chunked && !http11Client) {
                HttpUtil.setTransferEncodingChunked(response, false);
                keepAlive = false;
            }
        }
        response.setProtocolVersion(HttpVersion.HTTP_1_1);
        if (!keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        } else if (!http11Client) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        }
        return keepAlive;
    }
}
