package io.dinp.router;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufHolder;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One side of a connection pair that switched protocols: relays the bytes it reads to the other
 * side unchanged. Reading stops while the other side cannot take more (its write buffer is past
 * the high water mark) and resumes once it drained; when either side closes, the other is closed
 * once what was relayed to it is flushed.
 */
final class TunnelHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(TunnelHandler.class);

    private final Channel peer;
    private ArrayDeque<ByteBuf> held = new ArrayDeque<>(); // bytes read before start(); null once started

    TunnelHandler(Channel peer) {
        this.peer = peer;
    }

    /**
     * Relays what arrived while the pipelines were being switched (the leftovers of the HTTP
     * decoders) and starts reading, as far as the other side is writable.
     */
    void start(ChannelHandlerContext ctx) {
        ArrayDeque<ByteBuf> before = held;
        held = null;
        for (ByteBuf bytes : before) {
            relay(bytes);
        }
        peer.flush();
        ctx.channel().config().setAutoRead(peer.isWritable());
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf bytes;
        if (msg instanceof ByteBuf buf) {
            bytes = buf;
        } else if (msg instanceof ByteBufHolder holder) {
            // The end of the HTTP message that carried the switch (empty), or a body the decoder was in.
            bytes = holder.content().retain();
            holder.release();
        } else {
            ReferenceCountUtil.release(msg);
            log.debug("closing a tunnel on {}: an HTTP message ({}) reached it", ctx.channel().remoteAddress(),
                    msg.getClass().getSimpleName());
            ctx.close();
            return;
        }
        if (!bytes.isReadable()) {
            bytes.release();
        } else if (held != null) {
            held.add(bytes);
        } else {
            relay(bytes);
        }
    }

    private void relay(ByteBuf bytes) {
        peer.write(bytes).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (held == null) {
            peer.flush();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        // This side's writability paces reading from the other side (from start() on).
        if (held == null) {
            peer.config().setAutoRead(ctx.channel().isWritable());
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (peer.isActive()) {
            peer.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (held != null) {
            held.forEach(ByteBuf::release);
            held.clear();
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent) {
            log.debug("closing a tunnel on {}: no byte either way for the upgraded idle timeout",
                    ctx.channel().remoteAddress());
            ctx.close();
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("tunnel connection {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
