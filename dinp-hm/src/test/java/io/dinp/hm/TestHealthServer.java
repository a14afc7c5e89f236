package io.dinp.hm;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An app instance for checker tests whose answer the test sets ({@link Mode}). It counts the
 * connections it accepted, keeps the open ones, and records each request's path and headers.
 */
final class TestHealthServer implements AutoCloseable {
    /** What the server answers to every request. */
    enum Mode {
        /** 200 "ok". */
        OK,
        /** 500 "error". */
        ERROR,
        /** 200 "fine", which lacks "ok". */
        FINE,
        /** 200 with "ok" only after 5000 bytes, beyond what the checker looks at. */
        LATE_OK,
        /** 200 "ok", then closes the connection. */
        CLOSE,
        /** Reads the request and never answers. */
        HANG,
        /** Resets the connection instead of answering. */
        RESET
    }

    volatile Mode mode;
    final AtomicInteger accepted = new AtomicInteger();
    final List<HttpRequest> requests = new CopyOnWriteArrayList<>();
    private final ChannelGroup open = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel server;

    TestHealthServer(Mode mode) throws InterruptedException {
        this.mode = mode;
        server = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        accepted.incrementAndGet();
                        open.add(ch);
                        ch.pipeline().addLast(new HttpServerCodec(), new Answer());
                    }
                })
                .bind("127.0.0.1", 0).sync().channel();
    }

    int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    int openConnections() {
        return open.size();
    }

    int requestCount() {
        return requests.size();
    }

    /** A port nobody listens on (it was free a moment ago). */
    static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        open.close().awaitUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private final class Answer extends SimpleChannelInboundHandler<HttpObject> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
            if (!(msg instanceof HttpRequest req)) {
                return;
            }
            requests.add(req);
            Mode m = mode;
            switch (m) {
                case OK -> reply(ctx, HttpResponseStatus.OK, "ok", false);
                case ERROR -> reply(ctx, HttpResponseStatus.INTERNAL_SERVER_ERROR, "error", false);
                case FINE -> reply(ctx, HttpResponseStatus.OK, "fine", false);
                case LATE_OK -> reply(ctx, HttpResponseStatus.OK, "x".repeat(5000) + "ok", false);
                case CLOSE -> reply(ctx, HttpResponseStatus.OK, "ok", true);
                case HANG -> { }
                case RESET -> {
                    ctx.channel().config().setOption(ChannelOption.SO_LINGER, 0); // close sends RST, not FIN
                    ctx.close();
                }
            }
        }

        /** A client that closes with a response unread resets the connection; that is the test's business, not an error. */
        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }

        private void reply(ChannelHandlerContext ctx, HttpResponseStatus status, String body, boolean close) {
            ByteBuf content = Unpooled.copiedBuffer(body, StandardCharsets.UTF_8);
            FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, content);
            r.headers().set(HttpHeaderNames.CONTENT_LENGTH, content.readableBytes());
            if (close) {
                r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
                ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
            } else {
                ctx.writeAndFlush(r);
            }
        }
    }
}
