package io.dinp.router;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.AttributeKey;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sits right behind the HTTP codec of a client connection and watches each exchange go by: the
 * request head in, the response head and its bytes out. At the response's end it records the
 * app's metrics and, when enabled, writes one access log line. It never changes a message. The
 * app is what {@link FrontendHandler} routed the request to ({@link #APP}), "-" when none.
 */
final class ExchangeObserver extends ChannelDuplexHandler {
    /** Set by the handler that routes the request: the app it went to. */
    static final AttributeKey<String> APP = AttributeKey.valueOf("dinp.app");
    private static final Logger access = LoggerFactory.getLogger("dinp.access");
    private static final DateTimeFormatter CLF = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT);

    private final RouterMetrics metrics;
    private final boolean accessLog;
    private final boolean connection;
    private boolean counted;
    private boolean inFlight;
    private long start;
    private String method;
    private String uri;
    private String version;
    private String host;
    private int status;
    private long bytes;

    ExchangeObserver(RouterMetrics metrics, boolean accessLog) {
        this(metrics, accessLog, true);
    }

    /** @param connection whether its channel is a client connection (false: an HTTP/2 stream, not counted as one) */
    ExchangeObserver(RouterMetrics metrics, boolean accessLog, boolean connection) {
        this.metrics = metrics;
        this.accessLog = accessLog;
        this.connection = connection;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        // added after a TLS handshake: the connection is active already
        if (ctx.channel().isActive()) {
            opened();
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        opened();
        ctx.fireChannelActive();
    }

    private void opened() {
        if (connection && !counted) {
            counted = true;
            metrics.connectionOpened();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (counted) {
            counted = false;
            metrics.connectionClosed();
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest r && !inFlight) {
            inFlight = true;
            start = System.nanoTime();
            method = r.method().name();
            uri = r.uri();
            version = r.protocolVersion().text();
            host = r.headers().get(HttpHeaderNames.HOST);
            status = 0;
            bytes = 0;
            ctx.channel().attr(APP).set(null);
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (inFlight) {
            if (msg instanceof HttpResponse r && r.status().code() != 100) {
                status = r.status().code();
            }
            if (msg instanceof HttpContent c) {
                bytes += c.content().readableBytes();
            }
            if (msg instanceof LastHttpContent && status != 0) {
                complete(ctx);
            }
        }
        ctx.write(msg, promise);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        // a switch to a raw pipe (101) removes the HTTP handlers: the exchange ended there
        if (inFlight && status != 0) {
            complete(ctx);
        }
        if (counted) {
            // from here on the connection counts as a tunnel (dinp_router_tunnels_open), or is gone
            counted = false;
            metrics.connectionClosed();
        }
    }

    private void complete(ChannelHandlerContext ctx) {
        inFlight = false;
        long nanos = System.nanoTime() - start;
        String app = ctx.channel().attr(APP).get();
        metrics.request(app, status, nanos);
        if (accessLog && access.isInfoEnabled()) {
            access.info("{} - - [{}] \"{} {} {}\" {} {} \"{}\" {} {}ms", remote(ctx.channel().remoteAddress()),
                    CLF.format(ZonedDateTime.now(ZoneOffset.UTC)), method, uri, version, status, bytes,
                    host == null ? "-" : host, app == null ? RouterMetrics.NO_APP : app,
                    String.format(Locale.ROOT, "%.1f", nanos / 1e6));
        }
    }

    private static String remote(SocketAddress a) {
        return a instanceof InetSocketAddress i && i.getAddress() != null ? i.getAddress().getHostAddress() : "-";
    }
}
