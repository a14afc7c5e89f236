package io.dinp.router;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpMessage;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.handler.codec.http2.HttpConversionUtil.ExtensionHeaderNames;
import io.netty.util.ReferenceCountUtil;

/**
 * Fits the HTTP/1.1 objects decoded from an HTTP/2 stream to the request handling shared with
 * HTTP/1.1 clients, and its responses back to the stream:
 * <ul>
 * <li>the {@code x-http2-*} headers the conversion adds ({@code :scheme}, stream id) are removed:
 *     they are about the client's hop, not for the app;</li>
 * <li>a request whose method and {@code :path} would make a request line longer than the limit is
 *     marked as such, for a 414 like an HTTP/1.1 client gets;</li>
 * <li>a request that ended with its headers comes as one {@link FullHttpRequest}; it is split into
 *     a head and a last (empty) piece, the shape the handling expects from every request;</li>
 * <li>frames that are not requests (resets, unknown types) go no further: the stream's channel
 *     closing tells the rest;</li>
 * <li>an interim response (100 Continue) from the app, a head then an empty end, is written as
 *     the one message the HTTP/2 codec takes for it.</li>
 * </ul>
 * {@code :authority} has become the Host header (a {@code host} that disagrees with it is refused
 * by the codec), so routing and {@link RequestValidator} see an ordinary HTTP/1.1 request.
 */
final class Http2RequestAdapter extends ChannelDuplexHandler {
    private final int maxRequestLineLength;
    private boolean informationalEndPending; // the empty end of an interim response is still to be dropped

    Http2RequestAdapter(RouterConfig config) {
        this.maxRequestLineLength = config.maxRequestLineLength();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest request) {
            for (ExtensionHeaderNames name : ExtensionHeaderNames.values()) {
                request.headers().remove(name.text());
            }
            // "METHOD SP target SP HTTP/1.1": what the line would measure over HTTP/1.1.
            int line = request.method().name().length() + request.uri().length() + 10;
            if (line > maxRequestLineLength) {
                request.setDecoderResult(DecoderResult.failure(new TooLongHttpLineException(
                        "the request line would be " + line + " bytes")));
            }
            if (request instanceof FullHttpRequest full) {
                HttpRequest head = new DefaultHttpRequest(full.protocolVersion(), full.method(), full.uri(),
                        full.headers());
                head.setDecoderResult(full.decoderResult());
                LastHttpContent end = new DefaultLastHttpContent(full.content());
                end.trailingHeaders().set(full.trailingHeaders());
                ctx.fireChannelRead(head);
                ctx.fireChannelRead(end);
                return;
            }
            ctx.fireChannelRead(request);
        } else if (msg instanceof HttpContent) {
            ctx.fireChannelRead(msg);
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (informationalEndPending && msg instanceof LastHttpContent end) {
            informationalEndPending = false;
            end.release();
            promise.setSuccess();
            return;
        }
        if (msg instanceof HttpResponse response && !(msg instanceof FullHttpMessage)
                && response.status().codeClass() == HttpStatusClass.INFORMATIONAL && response.status().code() != 101) {
            informationalEndPending = true;
            ctx.write(new DefaultFullHttpResponse(response.protocolVersion(), response.status(), Unpooled.EMPTY_BUFFER,
                    response.headers(), EmptyHttpHeaders.INSTANCE), promise);
            return;
        }
        ctx.write(msg, promise);
    }
}
