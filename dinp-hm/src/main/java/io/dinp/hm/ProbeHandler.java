package io.dinp.hm;

import io.dinp.model.HealthSettings;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseDecoder;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;

/**
 * Reads check responses off one keep-alive connection and hands each one, complete, to its
 * {@link ResponseSink}: the status, the first body bytes when the check looks at the body, and
 * whether the connection stays open. The rest of a body is read and dropped, so the next check
 * can reuse the connection. It sits behind an {@link HttpResponseDecoder}; see {@link #decoder()}.
 */
final class ProbeHandler extends ChannelInboundHandlerAdapter {
    /** Health endpoints answer small heads; header validation is the app's business, not the monitor's. */
    private static final HttpDecoderConfig DECODER = new HttpDecoderConfig()
            .setMaxInitialLineLength(4096)
            .setMaxHeaderSize(16384)
            .setMaxChunkSize(16384)
            .setHeadersFactory(DefaultHttpHeadersFactory.headersFactory().withValidation(false));

    private final ResponseSink sink;
    private int status = -1;
    private boolean keepAlive;
    private boolean interim;
    private boolean started;
    private boolean lost;
    private ByteBuf body;

    ProbeHandler(ResponseSink sink) {
        this.sink = sink;
    }

    static HttpResponseDecoder decoder() {
        return new HttpResponseDecoder(DECODER);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (lost) {
                return; // what the decoder still had buffered when the connection failed
            }
            if (msg instanceof HttpObject o && o.decoderResult().isFailure()) {
                Throwable cause = o.decoderResult().cause();
                lose(ctx, cause instanceof DecoderException ? cause : new DecoderException(cause));
                ctx.close();
                return;
            }
            if (msg instanceof HttpResponse r) {
                head(ctx, r);
            }
            if (msg instanceof HttpContent c) {
                content(ctx, c);
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void head(ChannelHandlerContext ctx, HttpResponse r) {
        started = true;
        int code = r.status().code();
        // 1xx (100 Continue, 103 Early Hints) precede the real response
        interim = code >= 100 && code < 200 && code != 101;
        if (interim) {
            return;
        }
        status = code;
        keepAlive = HttpUtil.isKeepAlive(r);
        if (sink.readsBody()) {
            body = ctx.alloc().heapBuffer(Math.min(512, HealthSettings.MAX_BODY_BYTES), HealthSettings.MAX_BODY_BYTES);
        }
    }

    private void content(ChannelHandlerContext ctx, HttpContent c) {
        if (body != null) {
            ByteBuf in = c.content();
            body.writeBytes(in, in.readerIndex(), Math.min(in.readableBytes(), body.maxWritableBytes()));
        }
        if (!(c instanceof LastHttpContent)) {
            return;
        }
        if (interim) {
            interim = false;
            return;
        }
        if (status < 0) {
            return; // a trailing empty last content after a failure; nothing to report
        }
        byte[] prefix = body == null ? null : ByteBufUtil.getBytes(body);
        int s = status;
        reset();
        sink.responded(ctx.channel(), s, prefix, keepAlive);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        lose(ctx, null);
    }

    /** Reset, refused write, undecodable bytes: the connection is done for; the sink says why. */
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        lose(ctx, cause);
        ctx.close();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        reset();
    }

    /** Reports the first failure only: a reset is followed by the close it causes. */
    private void lose(ChannelHandlerContext ctx, Throwable cause) {
        if (lost) {
            return;
        }
        lost = true;
        boolean wasStarted = started;
        reset();
        sink.lost(ctx.channel(), cause, wasStarted);
    }

    private void reset() {
        status = -1;
        interim = false;
        started = false;
        if (body != null) {
            body.release();
            body = null;
        }
    }
}
