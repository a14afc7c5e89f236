package io.dinp.router;

import io.dinp.model.Backend;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler of a backend connection: hands what the backend sends to the exchange that
 * currently owns the connection, and looks after the connection while it idles in the pool.
 */
final class BackendHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(BackendHandler.class);

    private final Backend backend;
    private final BackendPool pool;
    private final ResponseByteWatch responseBytes;
    private Channel channel;
    private ProxyExchange exchange; // null while pooled

    BackendHandler(Backend backend, BackendPool pool, ResponseByteWatch responseBytes) {
        this.backend = backend;
        this.pool = pool;
        this.responseBytes = responseBytes;
    }

    static BackendHandler of(Channel ch) {
        return ch.pipeline().get(BackendHandler.class);
    }

    Backend backend() {
        return backend;
    }

    void attach(ProxyExchange owner) {
        exchange = owner;
        responseBytes.reset();
    }

    /** Whether the backend sent any byte since {@link #attach}: past that point a request is never repeated. */
    boolean responseBytesSeen() {
        return responseBytes.seen();
    }

    /** Returns the drained connection to the pool, or closes it when the pool is full. */
    void release() {
        exchange = null;
        if (!channel.isActive() || !pool.offer(backend, channel)) {
            channel.close();
            return;
        }
        // Keep a read pending while idle so a close by the backend is noticed at once.
        channel.read();
    }

    /** Closes the connection for good: it is in an unknown state. */
    void discard() {
        exchange = null;
        channel.close();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (exchange != null) {
            exchange.onResponseObject(msg);
            return;
        }
        ReferenceCountUtil.release(msg);
        log.debug("backend {} sent data on an idle connection; closing it", backend.hostPort());
        ctx.close();
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (exchange != null) {
            exchange.onResponseBatchEnd();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        ProxyExchange owner = exchange;
        exchange = null;
        if (owner != null) {
            owner.onBackendClosed();
        } else {
            pool.remove(backend, ctx.channel());
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (!(evt instanceof IdleStateEvent idle)) {
            ctx.fireUserEventTriggered(evt);
        } else if (exchange != null) {
            if (idle.state() == IdleState.READER_IDLE) {
                exchange.onBackendSilent();
            }
        } else if (idle.state() == IdleState.ALL_IDLE) {
            ctx.close();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("backend {} connection failed: {}", backend.hostPort(), cause.toString());
        ctx.close();
    }
}
