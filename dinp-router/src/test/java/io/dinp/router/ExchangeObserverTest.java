package io.dinp.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

/** The observer counts each exchange once, by the app it was routed to, and changes no message. */
class ExchangeObserverTest {

    @Test
    void oneExchangeIsCountedWhenItsResponseEnds() {
        RouterMetrics metrics = new RouterMetrics();
        EmbeddedChannel ch = new EmbeddedChannel(new ExchangeObserver(metrics, true));
        var req = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/x");
        req.headers().set("Host", "web.apps.localhost");
        ch.writeInbound(req);
        assertThat((Object) ch.readInbound()).isSameAs(req);
        ch.attr(ExchangeObserver.APP).set("web");
        ch.writeOutbound(new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE));
        ch.writeOutbound(new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK));
        assertThat(RouterMetricsIT.value(metrics.scrape(), "dinp_router_requests_total{app=\"web\",class=\"2xx\"}")).isEqualTo(-1);
        ch.writeOutbound(new io.netty.handler.codec.http.DefaultLastHttpContent(Unpooled.wrappedBuffer(new byte[10])));
        String s = metrics.scrape();
        assertThat(RouterMetricsIT.value(s, "dinp_router_requests_total{app=\"web\",class=\"2xx\"}")).isEqualTo(1);
        // a second end without a new request counts nothing
        ch.writeOutbound(LastHttpContent.EMPTY_LAST_CONTENT);
        assertThat(RouterMetricsIT.value(metrics.scrape(), "dinp_router_requests_total{app=\"web\",class=\"2xx\"}")).isEqualTo(1);

        ch.writeInbound(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/"));
        ch.writeOutbound(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NOT_FOUND));
        assertThat(RouterMetricsIT.value(metrics.scrape(), "dinp_router_requests_total{app=\"-\",class=\"4xx\"}")).isEqualTo(1);
        ch.finishAndReleaseAll();
    }
}
