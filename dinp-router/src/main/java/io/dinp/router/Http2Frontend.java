package io.dinp.router;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP/2 side of a TLS client connection (ALPN {@code h2}). Each stream gets a child channel
 * whose frames become an HTTP/1.1 request, handled by a {@link FrontendHandler} like any other:
 * so every stream is proxied to the app over HTTP/1.1, with the same validation, limits and
 * forwarded headers. Per stream the client is read only as fast as the app takes the body
 * (HTTP/2 flow control does the rest); the connection itself is always read.
 */
final class Http2Frontend {
    /** Streams one client connection may have open at once (SETTINGS_MAX_CONCURRENT_STREAMS). */
    static final int MAX_CONCURRENT_STREAMS = 100;

    private static final Logger log = LoggerFactory.getLogger(Http2Frontend.class);

    private Http2Frontend() {
    }

    /** Turns a connection that negotiated {@code h2} into an HTTP/2 server connection. */
    static void configure(ChannelPipeline pipeline, ProxyContext context) {
        RouterConfig config = context.config();
        Http2FrameCodec codec = Http2FrameCodecBuilder.forServer()
                .initialSettings(Http2Settings.defaultSettings()
                        .maxConcurrentStreams(MAX_CONCURRENT_STREAMS)
                        .maxHeaderListSize(config.maxHeaderSize()))
                .build();
        pipeline.addLast(codec,
                new IdleConnectionCloser(codec, config.clientIdleTimeout().toNanos()),
                new Http2MultiplexHandler(new StreamInitializer(context)),
                new CloseOnError());
        // Frames of every stream share the connection: it is read all along, each stream by itself.
        pipeline.channel().config().setAutoRead(true);
    }

    /** The pipeline of one stream: HTTP/2 frames in, HTTP/1.1 objects to the shared request handling. */
    private static final class StreamInitializer extends ChannelInitializer<Channel> {
        private final ProxyContext context;

        StreamInitializer(ProxyContext context) {
            this.context = context;
        }

        @Override
        protected void initChannel(Channel stream) {
            RouterConfig config = context.config();
            stream.config().setAutoRead(false);
            ClientTimeouts timeouts = new ClientTimeouts(config.clientIdleTimeout(), config.requestHeadTimeout());
            stream.pipeline().addLast(
                    new Http2StreamFrameToHttpObjectCodec(true),
                    new Http2RequestAdapter(config),
                    new ExchangeObserver(context.metrics(), context.accessLog(), false),
                    timeouts,
                    new OneMessagePerRead(),
                    new FrontendHandler(context, timeouts, FrontendInitializer.HTTPS));
        }
    }

    /**
     * Closes (GOAWAY) a connection that carried no frame either way for the client idle timeout
     * while it had no open stream. A stream waiting for its app keeps the connection.
     */
    private static final class IdleConnectionCloser extends IdleStateHandler {
        private final Http2FrameCodec codec;

        IdleConnectionCloser(Http2FrameCodec codec, long idleNanos) {
            super(0, 0, idleNanos, TimeUnit.NANOSECONDS);
            this.codec = codec;
        }

        @Override
        protected void channelIdle(ChannelHandlerContext ctx, IdleStateEvent evt) {
            if (codec.connection().numActiveStreams() == 0) {
                ctx.close();
            }
        }
    }

    /** The last handler of the connection: what no stream took is the connection's failure. */
    private static final class CloseOnError extends ChannelInboundHandlerAdapter {
        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            log.debug("HTTP/2 connection {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
            ctx.close();
        }
    }
}
