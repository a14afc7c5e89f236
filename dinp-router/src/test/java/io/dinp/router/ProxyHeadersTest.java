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

        ProxyHeaders.prepareRequest(r, "192.0.2.7", "http", 8080);

        assertThat(r.headers().names()).doesNotContain("X-Secret", "Connection", "Keep-Alive", "Proxy-Connection",
                "TE", "Trailer", "Upgrade");
        assertThat(r.headers().get("X-Kept")).isEqualTo("yes");
    }

    @Test
    void requestGetsForwardedHeadersAppendingToAnExistingChain() {
        HttpRequest r = request(HttpVersion.HTTP_1_0);
        r.headers().set(ProxyHeaders.X_FORWARDED_FOR, "198.51.100.1");
        r.headers().set(ProxyHeaders.X_FORWARDED_PROTO, "https");
        r.headers().set(ProxyHeaders.X_FORWARDED_PORT, "443");

        ProxyHeaders.prepareRequest(r, "192.0.2.7", "http", 8080);

        assertThat(r.headers().get(ProxyHeaders.X_FORWARDED_FOR)).isEqualTo("198.51.100.1, 192.0.2.7");
        assertThat(r.headers().get(ProxyHeaders.X_FORWARDED_PROTO)).isEqualTo("http");
        assertThat(r.headers().getAll(ProxyHeaders.X_FORWARDED_PORT)).as("the client's claim replaced")
                .containsExactly("8080");
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

    private static HttpRequest upgradeRequest(String connection, String upgrade) {
        HttpRequest r = request(HttpVersion.HTTP_1_1);
        r.headers().set(HttpHeaderNames.CONNECTION, connection);
        r.headers().set(HttpHeaderNames.UPGRADE, upgrade);
        return r;
    }

    @Test
    void webSocketHandshakeKeepsItsUpgradeHeadersAndLosesTheOtherHopByHopOnes() {
        HttpRequest r = upgradeRequest("keep-alive, Upgrade, X-Secret", "websocket");
        r.headers().set("X-Secret", "1");
        r.headers().set(HttpHeaderNames.KEEP_ALIVE, "timeout=5");
        r.headers().set(HttpHeaderNames.SEC_WEBSOCKET_KEY, "dGhlIHNhbXBsZSBub25jZQ==");
        r.headers().set(HttpHeaderNames.SEC_WEBSOCKET_VERSION, "13");

        String upgrade = ProxyHeaders.prepareRequest(r, "192.0.2.7", "http", 8080);

        assertThat(upgrade).isEqualTo("websocket");
        assertThat(r.headers().get(HttpHeaderNames.CONNECTION)).isEqualTo("Upgrade");
        assertThat(r.headers().get(HttpHeaderNames.UPGRADE)).isEqualTo("websocket");
        assertThat(r.headers().names()).doesNotContain("X-Secret", "Keep-Alive");
        assertThat(r.headers().get(HttpHeaderNames.SEC_WEBSOCKET_KEY)).isEqualTo("dGhlIHNhbXBsZSBub25jZQ==");
        assertThat(r.headers().get(ProxyHeaders.X_FORWARDED_FOR)).isEqualTo("192.0.2.7");
    }

    @Test
    void h2cUpgradeIsDroppedSoTheRequestGoesOnAsPlainHttp() {
        HttpRequest r = upgradeRequest("Upgrade, HTTP2-Settings", "h2c");
        r.headers().set("HTTP2-Settings", "AAMAAABkAARAAAAAAAIAAAAA");

        assertThat(ProxyHeaders.prepareRequest(r, "192.0.2.7", "http", 8080)).isNull();

        assertThat(r.headers().names()).doesNotContain("Connection", "Upgrade", "HTTP2-Settings");
    }

    @Test
    void onlyTheNonHttpProtocolsOfAnOfferGoThrough() {
        HttpRequest r = upgradeRequest("Upgrade", "h2c, websocket, HTTP/2.0, chat/2");

        assertThat(ProxyHeaders.prepareRequest(r, "192.0.2.7", "http", 8080)).isEqualTo("websocket, chat/2");
        assertThat(r.headers().get(HttpHeaderNames.UPGRADE)).isEqualTo("websocket, chat/2");
    }

    @Test
    void upgradeIsIgnoredUnlessTheRequestIsBodilessHttp11NamingItInConnection() {
        HttpRequest http10 = upgradeRequest("Upgrade", "websocket");
        http10.setProtocolVersion(HttpVersion.HTTP_1_0);
        HttpRequest notInConnection = upgradeRequest("keep-alive", "websocket");
        HttpRequest withBody = upgradeRequest("Upgrade", "websocket");
        HttpUtil.setContentLength(withBody, 5);
        HttpRequest chunked = upgradeRequest("Upgrade", "websocket");
        HttpUtil.setTransferEncodingChunked(chunked, true);
        HttpRequest connect = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.CONNECT, "a:443");
        connect.headers().set(HttpHeaderNames.CONNECTION, "Upgrade").set(HttpHeaderNames.UPGRADE, "websocket");

        for (HttpRequest r : new HttpRequest[] {http10, notInConnection, withBody, chunked, connect}) {
            assertThat(ProxyHeaders.prepareRequest(r, "192.0.2.7", "http", 8080)).as(r.toString()).isNull();
            assertThat(r.headers().names()).as(r.toString()).doesNotContain("Upgrade", "Connection");
        }
    }

    @Test
    void emptySizedBodyStillAllowsAnUpgrade() {
        HttpRequest r = upgradeRequest("Upgrade", "websocket");
        HttpUtil.setContentLength(r, 0);

        assertThat(ProxyHeaders.upgradeOf(r)).isEqualTo("websocket");
    }

    @Test
    void switchingResponseKeepsItsUpgradeAndDropsTheOtherHopByHopHeaders() {
        HttpResponse res = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.SWITCHING_PROTOCOLS);
        res.headers().set(HttpHeaderNames.CONNECTION, "Upgrade, keep-alive");
        res.headers().set(HttpHeaderNames.UPGRADE, "websocket");
        res.headers().set(HttpHeaderNames.KEEP_ALIVE, "timeout=5");
        res.headers().set(HttpHeaderNames.SEC_WEBSOCKET_ACCEPT, "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");

        ProxyHeaders.prepareSwitch(res);

        assertThat(res.headers().get(HttpHeaderNames.CONNECTION)).isEqualTo("Upgrade");
        assertThat(res.headers().get(HttpHeaderNames.UPGRADE)).isEqualTo("websocket");
        assertThat(res.headers().get(HttpHeaderNames.SEC_WEBSOCKET_ACCEPT)).isEqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
        assertThat(res.headers().names()).doesNotContain("Keep-Alive");
        assertThat(HttpUtil.isTransferEncodingChunked(res)).isFalse();
    }

    @Test
    void backendMayOnlySwitchToOneOfTheOfferedProtocols() {
        assertThat(ProxyHeaders.offered("websocket, chat/2", "WebSocket")).isTrue();
        assertThat(ProxyHeaders.offered("websocket, chat/2", "chat/2")).isTrue();
        assertThat(ProxyHeaders.offered("websocket", "h2c")).isFalse();
        assertThat(ProxyHeaders.offered("websocket", "websocket, chat/2")).isFalse();
        assertThat(ProxyHeaders.offered("websocket", null)).isFalse();
    }
}
