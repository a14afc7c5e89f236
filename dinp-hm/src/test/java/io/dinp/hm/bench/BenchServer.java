package io.dinp.hm.bench;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The fastest honest instance for the checker benchmark: it answers every request with a canned
 * {@code 200 ok} and does nothing else, so what the benchmark measures is the checker. Run it on
 * its own ({@code main}) when the open-file limit cannot hold both ends of every connection in
 * one process. It listens on several ports, as a cluster's instances do: tens of thousands of
 * connections from one address to one port make the kernel's search for a free local port, and
 * so every connect, slow.
 */
public final class BenchServer implements AutoCloseable {
    private static final byte[] RESPONSE = ("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nok")
            .getBytes(StandardCharsets.US_ASCII);

    private final EventLoopGroup boss;
    private final EventLoopGroup group;
    private final List<Channel> servers = new ArrayList<>();
    private final ByteBuf response = Unpooled.unreleasableBuffer(
            Unpooled.directBuffer(RESPONSE.length).writeBytes(RESPONSE));

    /** Listens on {@code ports} ports chosen by the system. */
    public BenchServer(int ports) throws InterruptedException {
        boolean epoll = Epoll.isAvailable();
        // Accepting on its own thread, many at a time: thousands of checkers' connections arrive within
        // a second, and an overflowing accept queue drops SYNs that come back only a second later.
        boss = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("bench-accept", true),
                epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("bench-server", true),
                epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        Class<? extends ServerChannel> channel = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        ServerBootstrap b = new ServerBootstrap()
                .group(boss, group)
                .channel(channel)
                .option(ChannelOption.SO_BACKLOG, 8192)
                .option(ChannelOption.MAX_MESSAGES_PER_READ, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new Responder());
                    }
                });
        for (int i = 0; i < ports; i++) {
            servers.add(b.bind("127.0.0.1", 0).sync().channel());
        }
    }

    public List<Integer> ports() {
        return servers.stream().map(ch -> ((InetSocketAddress) ch.localAddress()).getPort()).toList();
    }

    @Override
    public void close() {
        servers.forEach(ch -> ch.close().syncUninterruptibly());
        boss.shutdownGracefully().syncUninterruptibly();
        group.shutdownGracefully().syncUninterruptibly();
    }

    /** Serves on {@code args[0]} ports until killed; prints {@code listening on PORT,PORT,...} once it is. */
    public static void main(String[] args) throws Exception {
        BenchServer s = new BenchServer(args.length > 0 ? Integer.parseInt(args[0]) : 1);
        System.out.println("listening on " + s.ports().stream().map(String::valueOf).collect(Collectors.joining(",")));
        System.out.flush();
        Thread.currentThread().join();
    }

    /** Counts request heads by their blank line (checks are GETs without a body) and answers each. */
    private final class Responder extends ChannelInboundHandlerAdapter {
        /** How much of "\r\n\r\n" the bytes so far end with. */
        private int matched;
        private boolean pending;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf in = (ByteBuf) msg;
            try {
                for (int i = in.readerIndex(), end = in.writerIndex(); i < end; i++) {
                    byte b = in.getByte(i);
                    matched = b == (matched % 2 == 0 ? '\r' : '\n') ? matched + 1 : (b == '\r' ? 1 : 0);
                    if (matched == 4) {
                        matched = 0;
                        ctx.write(response.duplicate(), ctx.voidPromise());
                        pending = true;
                    }
                }
            } finally {
                in.release();
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            if (pending) {
                pending = false;
                ctx.flush();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
