package io.dinp.router;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Notes whether the backend sent any byte since its connection was handed to the current
 * exchange. It sits before the HTTP codec because a response cut off inside its status line
 * decodes to nothing, yet still forbids a retry: the app did act on the request.
 */
final class ResponseByteWatch extends ChannelInboundHandlerAdapter {
    private boolean seen;

    boolean seen() {
        return seen;
    }

    void reset() {
        seen = false;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf buf && buf.isReadable()) {
            seen = true;
        }
        ctx.fireChannelRead(msg);
    }
}
