package io.dinp.hm;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoEventLoop;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SingleThreadIoEventLoop;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.RejectedExecutionHandlers;
import java.util.concurrent.Executor;

/** The sockets the checker runs on: native epoll where available (less CPU per check), else NIO. */
record CheckerTransport(String name, IoHandlerFactory ioHandlers, Class<? extends Channel> channel) {
    /**
     * How long an event loop runs timers before it reads its sockets again. Netty's default is a
     * second: with thousands of checks due at once, a check's timeout would then run before its
     * answer, already arrived, is read, and an overloaded checker would fail healthy instances
     * instead of just starting checks a little late.
     */
    static final long TASK_QUANTUM_MS = 5;

    static CheckerTransport detect() {
        if (Epoll.isAvailable()) {
            return new CheckerTransport("epoll", EpollIoHandler.newFactory(), EpollSocketChannel.class);
        }
        return new CheckerTransport("nio", NioIoHandler.newFactory(), NioSocketChannel.class);
    }

    EventLoopGroup newGroup(int threads) {
        return new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory("dinp-hm-check", true), ioHandlers) {
            @Override
            protected IoEventLoop newChild(Executor executor, IoHandlerFactory factory, Object... args) {
                return new SingleThreadIoEventLoop(this, executor, factory, Integer.MAX_VALUE,
                        RejectedExecutionHandlers.reject(), TASK_QUANTUM_MS);
            }
        };
    }
}
