package io.dinp.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import org.junit.jupiter.api.Test;

class ProxyHeadersTest {

    private static HttpRequest request(HttpVersion version) {
        HttpRequest r = new DefaultHttpRequest(version, HttpMethod.GET, "/x");
        r.headers().set(HttpHeaderNames.HOST, "web.apps.localhost:8080");
        return r;
    }

    @Test
    void requestLosesHopByHopHeadersIncludingThoseNamedInConnection() {
        HttpRequest r = request(HttpVersion.HTTP_1_1);
        r.headers().set(HttpHeaderNames.CONNECTION, "keep-alive, X-Secret");
        r.headers().set("X-Secret", "1");
        r.headers().set(HttpHeaderNames.KEEP_ALIVE, "timeout=5");
        r.headers().set(HttpHeaderNames.PROXY_CONNECTION, "keep-alive");
        r.headers().set(HttpHeaderNames.TE, "trailers");
        r.headers().set(HttpHeaderNames.TRAILER, "X-Sum");
        r.headers().set(HttpHeaderNames.UPGRADE, "websocket");
        r.headers().set("X-Kept", "yes");

        ProxyHeaders.prepareRequest(r, "192.0.2.7", "http");

        assertThat(r.headers().names()).doesNotContain("X-Secret", "Connection", "Keep-Alive", "Proxy-Connection",
                "TE", "Trailer", "Upgrade");
        assertThat(r.headers().get("X-Kept")).isEqualTo("yes");
    }

    @Test
    void requestGetsForwardedHeadersAppendingToAnExistingChain() {
        HttpRequest r = request(HttpVersion.HTTP_1_0);
        r.headers().set(ProxyHeaders.X_FORWARDED_FOR, "198.51.100.1");
        r.headers().set(ProxyHeaders.X_FORWARDED_PROTO, "https");

        ProxyHeaders.prepareRequest(r, "192.0.2.7", "http");

        assertThat(r.headers().get(ProxyHeaders.X_FORWARDED_FOR)).isEqualTo("198.51.100.1, 192.0.2.7");
        assertThat(r.headers().get(ProxyHeaders.X_FORWARDED_PROTO)).isEqualTo("http");
        assertThat(r.headers().get(ProxyHeaders.X_FORWARDED_HOST)).isEqualTo("web.apps.localhost:8080");
        assertThat(r.headers().get(HttpHeaderNames.HOST)).isEqualTo("web.apps.localhost:8080");
        assertThat(r.protocolVersion()).isEqualTo(HttpVersion.HTTP_1_1);
    }

    @Test
    void closeDelimitedResponseIsChunkedForAnHttp11Client() {
        HttpResponse res = new DefaultHttpResponse(HttpVersion.HTTP_1_0, HttpResponseStatus.OK);
        res.headers().set(HttpHeaderNames.CONNECTION, "close");

        boolean keepAlive = ProxyHeaders.prepareResponse(res, HttpVersion.HTTP_1_1, true, false);

        assertThat(keepAlive).isTrue();
        assertThat(HttpUtil.isTransferEncodingChunked(res)).isTrue();
        assertThat(res.headers().contains(HttpHeaderNames.CONNECTION)).isFalse();
        assertThat(res.protocolVersion()).isEqualTo(HttpVersion.HTTP_1_1);
    }

    @Test
    void chunkedResponseToAnHttp10ClientIsCloseDelimited() {
        HttpResponse res = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        HttpUtil.setTransferEncodingChunked(res, true);

        boolean keepAlive = ProxyHeaders.prepareResponse(res, HttpVersion.HTTP_1_0, true, false);

        assertThat(keepAlive).isFalse();
        assertThat(HttpUtil.isTransferEncodingChunked(res)).isFalse();
        assertThat(res.headers().get(HttpHeaderNames.CONNECTION)).isEqualTo("close");
    }

    @Test
    void sizedResponseKeepsAnHttp10ClientAliveWhenItAsked() {
        HttpResponse res = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        HttpUtil.setContentLength(res, 5);

        boolean keepAlive = ProxyHeaders.prepareResponse(res, HttpVersion.HTTP_1_0, true, false);

        assertThat(keepAlive).isTrue();
        assertThat(res.headers().get(HttpHeaderNames.CONNECTION)).isEqualTo("keep-alive");
    }

    @Test
    void headAnd304ResponsesAreLeftUnframed() {
        HttpResponse res = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NOT_MODIFIED);

        assertThat(ProxyHeaders.prepareResponse(res, HttpVersion.HTTP_1_1, true, false)).isTrue();
        assertThat(HttpUtil.isTransferEncodingChunked(res)).isFalse();
    }
}
