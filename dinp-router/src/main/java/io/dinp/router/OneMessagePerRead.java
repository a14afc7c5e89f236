package io.dinp.router;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;

/**
 * Hands the next handler one decoded message per {@code read()} it asks for and holds the rest,
 * so a pipelined next request waits until the current one is done. It stands in for Netty's
 * {@code FlowControlHandler}, which since 4.2.15 forgets a {@code read()} whose socket read
 * decoded to nothing (a request head split across TCP segments): the request then sits in its
 * queue and the client connection stalls (netty/netty#17050). Here a read stays owed until a
 * message satisfies it.
 *
 * <p>A {@code read()} asked for while a message is being handed over (the next handler wants
 * the next piece as soon as it has this one) is counted and answered by the same hand-over loop
 * once the current message returns, never by a nested delivery; the read goes on to the socket at
 * once, so the channel's read interest stays set and no {@code epoll_ctl} is spent clearing and
 * setting it again for each request.
 *
 * <p>Removed from the pipeline (a switch to another protocol), it hands what it holds on to the
 * next handler, as a decoder hands on its leftover bytes.
 */
final class OneMessagePerRead extends ChannelDuplexHandler {
    private final ArrayDeque<Object> queue = new ArrayDeque<>();
    private int owed; // reads asked for downstream and not yet answered with a message
    private boolean delivering; // inside the hand-over loop: a nested read() only counts

    @Override
    public void read(ChannelHandlerContext ctx) {
        owed++;
        deliver(ctx);
        if (owed > queue.size()) {
            ctx.read();
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        queue.add(msg);
        deliver(ctx);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.fireChannelReadComplete();
        if (owed > 0 && queue.isEmpty() && ctx.channel().isActive()) {
            // The bytes read so far made no whole message: keep reading until one comes.
            ctx.read();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        releaseQueued();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (queue.isEmpty()) {
            return;
        }
        Object msg;
        while ((msg = queue.poll()) != null) {
            ctx.fireChannelRead(msg);
        }
        ctx.fireChannelReadComplete();
    }

    private void deliver(ChannelHandlerContext ctx) {
        if (delivering) {
            return; // the loop below goes on once the message being handed over returns
        }
        delivering = true;
        try {
            while (owed > 0 && !queue.isEmpty()) {
                owed--;
                ctx.fireChannelRead(queue.poll());
            }
        } finally {
            delivering = false;
        }
    }

    private void releaseQueued() {
        Object msg;
        while ((msg = queue.poll()) != null) {
            ReferenceCountUtil.release(msg);
        }
    }
}
