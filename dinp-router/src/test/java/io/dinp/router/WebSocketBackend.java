package io.dinp.router;

import io.dinp.model.Backend;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A WebSocket app instance for router tests, on Netty's own server-side WebSocket support. At
 * {@code /ws} it echoes text and binary messages, except the text commands {@code !name} (answers
 * its name), {@code !close} (closes with 1001 "bye"), {@code !drop} (drops the connection without
 * a close frame) and {@code !flood N} (sends N binary messages of 1 MiB at once). Plain HTTP:
 * {@code /headers} shows the upgrade headers it got; any other path answers {@code plain <name>},
 * whatever upgrade the request asked for.
 */
final class WebSocketBackend implements AutoCloseable {
    static final int MEBIBYTE = 1 << 20;
    private static final int MAX_MESSAGE = 16 * MEBIBYTE;

    final String name;
    /** Handshakes completed. */
    final AtomicInteger upgrades = new AtomicInteger();
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final ChannelGroup open = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final Channel server;

    WebSocketBackend(String name) throws InterruptedException {
        this.name = name;
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        open.add(ch);
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(64 * 1024),
                                new WebSocketServerProtocolHandler(WebSocketServerProtocolConfig.newBuilder()
                                        .websocketPath("/ws").maxFramePayloadLength(MAX_MESSAGE).build()),
                                new WebSocketFrameAggregator(MAX_MESSAGE), new App());
                    }
                })
                .bind("127.0.0.1", 0).sync().channel();
    }

    Backend backend() {
        return new Backend(name, "127.0.0.1", ((InetSocketAddress) server.localAddress()).getPort());
    }

    /** Client connections open right now, WebSocket or not. */
    int openConnections() {
        return open.size();
    }

    private final class App extends SimpleChannelInboundHandler<Object> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof FullHttpRequest request) {
                http(ctx, request);
            } else if (msg instanceof TextWebSocketFrame text) {
                text(ctx, text.text());
            } else if (msg instanceof BinaryWebSocketFrame binary) {
                ctx.writeAndFlush(new BinaryWebSocketFrame(binary.content().retain()));
            } else if (msg instanceof WebSocketFrame frame) {
                throw new IllegalStateException("unexpected frame " + frame);
            }
        }

        private void text(ChannelHandlerContext ctx, String text) {
            if (text.equals("!name")) {
                ctx.writeAndFlush(new TextWebSocketFrame(name));
            } else if (text.equals("!close")) {
                ctx.writeAndFlush(new CloseWebSocketFrame(1001, "bye")).addListener(ChannelFutureListener.CLOSE);
            } else if (text.equals("!drop")) {
                ctx.close();
            } else if (text.startsWith("!flood ")) {
                int n = Integer.parseInt(text.substring(7));
                ByteBuf mebibyte = Unpooled.wrappedBuffer(pattern(MEBIBYTE));
                for (int i = 0; i < n; i++) {
                    ctx.write(new BinaryWebSocketFrame(mebibyte.retainedDuplicate()));
                }
                mebibyte.release();
                ctx.flush();
            } else {
                ctx.writeAndFlush(new TextWebSocketFrame(text));
            }
        }

        private void http(ChannelHandlerContext ctx, FullHttpRequest request) {
            String body = request.uri().equals("/headers")
                    ? "upgrade=" + request.headers().get(HttpHeaderNames.UPGRADE)
                            + " connection=" + request.headers().get(HttpHeaderNames.CONNECTION)
                            + " http2-settings=" + request.headers().get("HTTP2-Settings")
                    : "plain " + name;
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                    Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
            HttpUtil.setContentLength(response, response.content().readableBytes());
            ctx.writeAndFlush(response);
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
                upgrades.incrementAndGet();
            }
            ctx.fireUserEventTriggered(evt);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    /** Bytes that show where a piece went missing or out of order. */
    static byte[] pattern(int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (i * 31 + (i >>> 8));
        }
        return bytes;
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        open.close().syncUninterruptibly();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
