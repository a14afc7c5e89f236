package io.dinp.router;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The clocks of a client connection, so that a slow or silent client cannot hold one. A request
 * head must be complete within the head timeout of connecting (the first request) or of its
 * first byte (each next one): a slowloris client trickling a header byte by byte never gets
 * more. While the router waits for the client's bytes, between requests on keep-alive or in the
 * middle of a request body, it waits at most the idle timeout.
 *
 * <p>It sits before the HTTP codec, where bytes that do not make a message yet are seen (on an
 * HTTP/2 stream, where there are no bytes, after the stream's codec: each frame counts). A late
 * head is reported as {@link #HEAD_TIMED_OUT} for the {@link FrontendHandler} to answer 408; a
 * connection idle too long is closed without a word. Once a request is read no clock runs: the
 * wait is then for the app, which the backend's response timeout bounds.
 */
final class ClientTimeouts extends ChannelDuplexHandler {
    /** User event: the client started a request head and did not finish it in time. */
    static final Object HEAD_TIMED_OUT = new Object() {
        @Override
        public String toString() {
            return "HEAD_TIMED_OUT";
        }
    };

    private enum Phase { HEAD, BODY, DONE }

    private final long idleNanos;
    private final long headNanos;
    private ChannelHandlerContext ctx;
    private boolean started;
    private Phase phase = Phase.HEAD;
    private boolean headDeadlineSet;
    private long headDeadline;
    private boolean headBytes; // bytes arrived since the head was awaited
    private boolean waiting; // a read was asked for and no byte came since
    private long waitingSince;
    private ScheduledFuture<?> check;
    private long checkAt;

    ClientTimeouts(Duration idleTimeout, Duration headTimeout) {
        this.idleNanos = idleTimeout.toNanos();
        this.headNanos = headTimeout.toNanos();
    }

    /** The previous request is done: the next head has the idle timeout to start and the head timeout to finish. */
    void awaitRequest() {
        phase = Phase.HEAD;
        headDeadlineSet = false;
        headBytes = false;
        if (waiting) {
            waitingSince = now();
        }
    }

    /** A request head arrived; its body (possibly empty) is read next. */
    void headReceived() {
        phase = Phase.BODY;
        headDeadlineSet = false;
    }

    /** The whole request was read: until {@link #awaitRequest()}, nothing is expected from the client. */
    void requestReceived() {
        phase = Phase.DONE;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        if (ctx.channel().isActive()) {
            start(); // added to a live connection, after its TLS handshake
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        start();
        ctx.fireChannelActive();
    }

    private void start() {
        if (!started) {
            started = true;
            setHeadDeadline(now() + headNanos);
        }
    }

    @Override
    public void read(ChannelHandlerContext ctx) {
        if (!waiting) {
            waiting = true;
            waitingSince = now();
            scheduleCheck(waitingSince + idleNanos);
        }
        ctx.read();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf buf) || buf.isReadable()) {
            waiting = false;
            if (phase == Phase.HEAD) {
                headBytes = true;
                if (!headDeadlineSet) {
                    setHeadDeadline(now() + headNanos);
                }
            }
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancelCheck();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        cancelCheck();
    }

    private void setHeadDeadline(long at) {
        headDeadlineSet = true;
        headDeadline = at;
        scheduleCheck(at);
    }

    /** Makes sure a check runs no later than {@code at}; one check at a time, re-armed by itself. */
    private void scheduleCheck(long at) {
        if (check != null) {
            if (checkAt - at <= 0) {
                return;
            }
            check.cancel(false);
        }
        checkAt = at;
        check = ctx.executor().schedule(this::onCheck, Math.max(0, at - now()), TimeUnit.NANOSECONDS);
    }

    private void onCheck() {
        check = null;
        if (!ctx.channel().isActive()) {
            return;
        }
        long now = now();
        boolean headLate = phase == Phase.HEAD && headDeadlineSet && now - headDeadline >= 0;
        boolean stalled = waiting && phase != Phase.DONE && now - (waitingSince + idleNanos) >= 0;
        if (headLate || stalled) {
            if (phase == Phase.HEAD && headBytes) {
                ctx.fireUserEventTriggered(HEAD_TIMED_OUT);
            } else {
                ctx.close();
            }
            return;
        }
        if (phase == Phase.HEAD && headDeadlineSet) {
            scheduleCheck(headDeadline);
        }
        if (waiting && phase != Phase.DONE) {
            scheduleCheck(waitingSince + idleNanos);
        }
    }

    private void cancelCheck() {
        if (check != null) {
            check.cancel(false);
            check = null;
        }
    }

    private long now() {
        return ctx.executor().ticker().nanoTime();
    }
}
