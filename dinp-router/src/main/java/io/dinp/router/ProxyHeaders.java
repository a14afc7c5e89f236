package io.dinp.router;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.util.List;

/**
 * Header rewriting at the proxy boundary: hop-by-hop headers stay on their hop, forwarded
 * headers tell the app who asked, and response framing is fixed up for the client's version.
 */
final class ProxyHeaders {
    private static final List<CharSequence> HOP_BY_HOP = List.of(HttpHeaderNames.CONNECTION,
            HttpHeaderNames.KEEP_ALIVE, HttpHeaderNames.PROXY_CONNECTION, HttpHeaderNames.TE,
            HttpHeaderNames.TRAILER, HttpHeaderNames.UPGRADE);
    static final String X_FORWARDED_FOR = "X-Forwarded-For";
    static final String X_FORWARDED_PROTO = "X-Forwarded-Proto";
    static final String X_FORWARDED_HOST = "X-Forwarded-Host";

    private ProxyHeaders() {
    }

    /**
     * Removes hop-by-hop headers, including those the Connection header names. Transfer-Encoding
     * stays: the codecs re-frame the body by it on the next hop.
     */
    static void removeHopByHop(HttpHeaders headers) {
        for (String connection : headers.getAll(HttpHeaderNames.CONNECTION)) {
            for (String token : connection.split(",")) {
                String name = token.trim();
                if (!name.isEmpty() && !HttpHeaderNames.TRANSFER_ENCODING.contentEqualsIgnoreCase(name)) {
                    headers.remove(name);
                }
            }
        }
        HOP_BY_HOP.forEach(headers::remove);
    }

    /**
     * Readies a client request for a backend; the backend always gets HTTP/1.1 so its connection can be reused.
     *
     * @param scheme how the client reached the router ({@code http}, {@code https})
     */
    static void prepareRequest(HttpRequest request, String clientIp, String scheme) {
        HttpHeaders h = request.headers();
        removeHopByHop(h);
        String previous = h.get(X_FORWARDED_FOR);
        h.set(X_FORWARDED_FOR, previous == null || previous.isBlank() ? clientIp : previous + ", " + clientIp);
        // The router is the edge: whatever a client claims about the scheme is not to be trusted.
        h.set(X_FORWARDED_PROTO, scheme);
        String host = h.get(HttpHeaderNames.HOST);
        if (host != null) {
            h.set(X_FORWARDED_HOST, host);
        }
        request.setProtocolVersion(HttpVersion.HTTP_1_1);
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
