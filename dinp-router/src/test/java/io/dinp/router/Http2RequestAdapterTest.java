package io.dinp.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.DefaultHttp2ResetFrame;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Frame;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.util.AsciiString;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** HTTP/2 stream frames through the stream codec and the adapter, as the request handling then sees them. */
class Http2RequestAdapterTest {
    private final EmbeddedChannel stream = new EmbeddedChannel(new Http2StreamFrameToHttpObjectCodec(true),
            new Http2RequestAdapter(RouterConfig.defaults().withMaxRequestLineLength(100)));

    @AfterEach
    void tearDown() {
        stream.finishAndReleaseAll();
    }

    private static Http2Headers get(String path) {
        return new DefaultHttp2Headers().method("GET").scheme("https").authority("www.shop.example:8443").path(path);
    }

    @Test
    void aRequestEndedByItsHeadersBecomesAHeadAndAnEmptyEnd() {
        // Names as HPACK decodes them (AsciiString): split cookies are joined again.
        AsciiString cookie = AsciiString.cached("cookie");
        stream.writeInbound(new DefaultHttp2HeadersFrame(get("/a?b=c").add(cookie, "x=1").add(cookie, "y=2"), true));

        HttpRequest head = stream.readInbound();
        assertThat(head).isNotInstanceOf(LastHttpContent.class);
        assertThat(head.uri()).isEqualTo("/a?b=c");
        assertThat(head.protocolVersion()).isEqualTo(HttpVersion.HTTP_1_1);
        assertThat(head.decoderResult().isSuccess()).isTrue();
        assertThat(head.headers().get(HttpHeaderNames.HOST)).as(":authority").isEqualTo("www.shop.example:8443");
        assertThat(head.headers().get(HttpHeaderNames.COOKIE)).isEqualTo("x=1; y=2");
        assertThat(head.headers().names()).allSatisfy(n -> assertThat(n.toLowerCase()).doesNotStartWith("x-http2-"));
        LastHttpContent end = stream.readInbound();
        assertThat(end.content().readableBytes()).isZero();
        end.release();
        assertThat(RequestValidator.check(head, RouterConfig.defaults())).as("valid as HTTP/1.1").isNull();
    }

    @Test
    void aRequestWithABodyComesChunkedWithItsPiecesAndNoHttp2Headers() {
        Http2Headers headers = new DefaultHttp2Headers().method("POST").scheme("https").authority("blog.example")
                .path("/echo").add("x-http2-stream-weight", "7");
        stream.writeInbound(new DefaultHttp2HeadersFrame(headers, false),
                new DefaultHttp2DataFrame(Unpooled.copiedBuffer("hello", StandardCharsets.US_ASCII), true));

        HttpRequest head = stream.readInbound();
        assertThat(head.headers().get(HttpHeaderNames.TRANSFER_ENCODING)).isEqualTo("chunked");
        assertThat(head.headers().names()).allSatisfy(n -> assertThat(n.toLowerCase()).doesNotStartWith("x-http2-"));
        assertThat(RequestValidator.check(head, RouterConfig.defaults())).isNull();
        HttpContent body = stream.readInbound();
        assertThat(body).isInstanceOf(LastHttpContent.class);
        assertThat(body.content().toString(StandardCharsets.US_ASCII)).isEqualTo("hello");
        body.release();
    }

    @Test
    void aPathTooLongForARequestLineIsMarkedForA414() {
        stream.writeInbound(new DefaultHttp2HeadersFrame(get("/" + "a".repeat(100)), true));

        HttpRequest head = stream.readInbound();
        RequestValidator.Rejection rejection = RequestValidator.check(head, RouterConfig.defaults()
                .withMaxRequestLineLength(100));
        assertThat(rejection.status()).isEqualTo(HttpResponseStatus.REQUEST_URI_TOO_LONG);
        ((LastHttpContent) stream.readInbound()).release();
    }

    @Test
    void framesThatAreNoRequestGoNoFurther() {
        stream.writeInbound(new DefaultHttp2ResetFrame(Http2Error.CANCEL));

        Object next = stream.readInbound();
        assertThat(next).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\r\nX-Injected: 1", "a\nb", "a\u0000b"})
    void aHeaderValueThatWouldBreakAnHttp11HeadIsNeverPassedOn(String value) {
        // As the router's HPACK decoder leaves them: names checked, values not.
        Http2Headers headers = new DefaultHttp2Headers(true, false, 8).method("GET").scheme("https")
                .authority("www.shop.example").path("/").add(AsciiString.cached("x-a"), value);

        assertThatThrownBy(() -> stream.writeInbound(new DefaultHttp2HeadersFrame(headers, true)));
        Object next = stream.readInbound();
        assertThat(next).isNull();
    }

    @Test
    void anInterimResponseIsWrittenAsOneHeadersFrameAndItsEmptyEndIsDropped() {
        ChannelFuture head = stream.write(new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE));
        ChannelFuture end = stream.write(LastHttpContent.EMPTY_LAST_CONTENT);
        FullHttpResponse ok = new io.netty.handler.codec.http.DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.OK, Unpooled.copiedBuffer("ok", StandardCharsets.US_ASCII));
        stream.writeAndFlush(ok);

        assertThat(head.isSuccess()).isTrue();
        assertThat(end.isSuccess()).isTrue();
        Http2HeadersFrame interim = stream.readOutbound();
        assertThat(interim.headers().status().toString()).isEqualTo("100");
        assertThat(interim.isEndStream()).isFalse();
        Http2HeadersFrame finalHead = stream.readOutbound();
        assertThat(finalHead.headers().status().toString()).isEqualTo("200");
        Http2Frame data = stream.readOutbound();
        assertThat(data).isInstanceOf(DefaultHttp2DataFrame.class);
        ((DefaultHttp2DataFrame) data).release();
    }
}
