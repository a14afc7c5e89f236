package io.dinp.router;

import io.dinp.model.Backend;
import io.dinp.model.RouteOptions;
import io.dinp.model.RouteTable;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection: routes each request by its Host header to an app, answers itself when
 * it cannot (400, 404, health) or when the app's route options say so (413 over its body limit,
 * 308 to HTTPS), and otherwise runs a {@link ProxyExchange}, pinned to an instance for apps with
 * sticky sessions. On TLS, a request for a host the connection's certificate does not cover gets 421. Requests on one
 * connection are handled one after another; the next is read only when the previous is done.
 * A request that breaks the rules of {@link RequestValidator} or the router's limits is answered
 * here and its connection closed: what follows it on the connection cannot be trusted to be
 * framed as the client meant.
 */
final class FrontendHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(FrontendHandler.class);

    private enum State { IDLE, PROXYING, DISCARDING_BODY, CLOSING }

    private final ProxyContext context;
    private final ClientTimeouts timeouts;
    private final String scheme;
    private ChannelHandlerContext ctx;
    private boolean started;
    private State state = State.IDLE;
    private ProxyExchange exchange;
    private boolean keepAliveAfterDiscard;
    private long bodyBytes; // of the current request, read so far
    private long bodyLimit; // of the current request: its app's, else the router's

    /** @param scheme how the client reached the router, {@code http} or {@code https} (X-Forwarded-Proto) */
    FrontendHandler(ProxyContext context, ClientTimeouts timeouts, String scheme) {
        this.context = context;
        this.timeouts = timeouts;
        this.scheme = scheme;
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
    }

    private void start() {
        if (!started) {
            started = true;
            ctx.read();
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        dispatch(msg);
    }

    private void dispatch(Object msg) {
        switch (state) {
            case IDLE -> {
                if (msg instanceof HttpRequest request) {
                    onRequest(request);
                } else {
                    ReferenceCountUtil.release(msg);
                    readNext();
                }
            }
            case PROXYING -> {
                if (!(msg instanceof HttpContent content)) {
                    ReferenceCountUtil.release(msg);
                } else if (overBodyLimit(content)) {
                    content.release();
                    exchange.onClientError(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "The request body is larger "
                            + "than the limit of " + bodyLimit + " bytes.");
                } else {
                    if (content instanceof LastHttpContent) {
                        timeouts.requestReceived();
                    }
                    exchange.onRequestContent(content);
                }
            }
            case DISCARDING_BODY -> {
                ReferenceCountUtil.release(msg);
                if (msg instanceof HttpContent content
                        && (content.decoderResult().isFailure() || overBodyLimit(content))) {
                    // Unframed or endless: the rest of the connection cannot be read as requests.
                    state = State.CLOSING;
                    ctx.close();
                } else if (msg instanceof LastHttpContent) {
                    afterLocalResponse(keepAliveAfterDiscard);
                } else {
                    readNext();
                }
            }
            case CLOSING -> ReferenceCountUtil.release(msg);
        }
    }

    /** Counts a piece of the request body; true once the body outgrew the limit. */
    private boolean overBodyLimit(HttpContent content) {
        bodyBytes += content.content().readableBytes();
        return bodyBytes > bodyLimit;
    }

    private void onRequest(HttpRequest request) {
        timeouts.headReceived();
        bodyBytes = 0;
        bodyLimit = context.config().maxRequestBodySize();
        RequestValidator.Rejection rejection = RequestValidator.check(request, context.config());
        if (rejection != null) {
            refuse(request, rejection);
            return;
        }
        RequestValidator.normalize(request);
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        String host = HostNames.normalize(request.headers().get(HttpHeaderNames.HOST));
        TlsNames tls = TlsNames.of(ctx.channel());
        if (host != null && tls != null && tls.misdirected(host)) {
            respondLocally(LocalResponses.page(HttpResponseStatus.MISDIRECTED_REQUEST, "This connection was opened for "
                    + tls.serverName() + ", whose certificate does not cover " + host + ". Open a new connection for "
                    + host + "."), keepAlive, true);
            return;
        }
        RouteTable table = context.routes().table();
        String app = HostNames.appOf(host, context.config().appsDomain());
        if (app == null) {
            app = table.appOfDomain(host); // a custom domain bound to an app
        }
        boolean known = app != null && table.knows(app);
        if (known) {
            // only apps that exist get a metrics label: any host name must not make a new series
            ctx.channel().attr(ExchangeObserver.APP).set(app);
        }
        RouteOptions options = known ? table.optionsOf(app) : RouteOptions.DEFAULTS;
        bodyLimit = options.bodyLimit(context.config().maxRequestBodySize());
        rejection = RequestValidator.bodyTooLarge(request, bodyLimit);
        if (rejection != null) {
            refuse(request, rejection);
            return;
        }
        if (app == null && isHealthCheck(request)) {
            respondLocally(LocalResponses.health(context.routes(), context.routeSourceConnected().getAsBoolean()),
                    keepAlive, true);
            return;
        }
        if (host == null) {
            respondLocally(LocalResponses.page(HttpResponseStatus.BAD_REQUEST,
                    "The request has no Host header, so it cannot be routed to an app."), false, true);
            return;
        }
        int tlsPort = context.tlsPort().getAsInt();
        if (known && options.httpsRedirect() && FrontendInitializer.HTTP.equals(scheme) && tlsPort >= 0) {
            respondLocally(LocalResponses.redirect(httpsLocation(host, tlsPort, request.uri())), keepAlive, true);
            return;
        }
        int tries = context.config().maxRetries() + 1;
        BackendConnector connector = context.connector();
        StickySessions.Pin pin = known && options.stickySessions()
                ? new StickySessions.Pin(app, StickySessions.requested(request), FrontendInitializer.HTTPS.equals(scheme))
                : null;
        List<Backend> candidates = app == null ? List.of()
                : context.routes().candidates(app, tries, connector::isEjected, pin == null ? null : pin.requested());
        if (candidates.isEmpty() && known) {
            respondLocally(LocalResponses.page(HttpResponseStatus.SERVICE_UNAVAILABLE, "The app " + app
                    + " has no running instance right now (scaled to 0, starting, or failing)."), keepAlive, true);
            return;
        }
        if (candidates.isEmpty()) {
            respondLocally(LocalResponses.page(HttpResponseStatus.NOT_FOUND, "No app is bound to the host " + host
                    + ". Apps are served at <app>." + context.config().appsDomain() + "."), keepAlive, true);
            return;
        }
        state = State.PROXYING;
        exchange = new ProxyExchange(ctx, this, connector, request, app, new AttemptPlan(candidates, tries), pin);
        exchange.start(clientIp(ctx.channel().remoteAddress()), scheme, localPort());
    }

    /** Answers a request the router will not take, and closes: what follows it cannot be trusted to be framed. */
    private void refuse(HttpRequest request, RequestValidator.Rejection rejection) {
        log.debug("refused a request from {}: {} {}", ctx.channel().remoteAddress(), rejection.status().code(),
                rejection.reason());
        ReferenceCountUtil.release(request);
        respondLocally(LocalResponses.page(rejection.status(), rejection.reason()), false, false);
    }

    /** The same URL over HTTPS: {@code https://host[:port]/uri}, the port left out when it is 443. */
    static String httpsLocation(String host, int tlsPort, String uri) {
        return "https://" + host + (tlsPort == 443 ? "" : ":" + tlsPort) + (uri.startsWith("/") ? uri : "/");
    }

    /** The router port the client connected to (an HTTP/2 stream gives its connection's). */
    private int localPort() {
        if (ctx.channel().localAddress() instanceof InetSocketAddress local) {
            return local.getPort();
        }
        return FrontendInitializer.HTTPS.equals(scheme) ? 443 : 80;
    }

    private static boolean isHealthCheck(HttpRequest request) {
        String uri = request.uri();
        int q = uri.indexOf('?');
        return "/healthz".equals(q < 0 ? uri : uri.substring(0, q));
    }

    /**
     * Writes a response the router made itself.
     *
     * @param bodyPending the request body (at least its end) is still to be read and thrown away
     */
    void respondLocally(FullHttpResponse response, boolean keepAlive, boolean bodyPending) {
        exchange = null;
        HttpUtil.setKeepAlive(response, keepAlive);
        if (!keepAlive) {
            state = State.CLOSING;
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        ctx.writeAndFlush(response);
        if (bodyPending) {
            state = State.DISCARDING_BODY;
            keepAliveAfterDiscard = true;
            readNext();
        } else {
            afterLocalResponse(true);
        }
    }

    private void afterLocalResponse(boolean keepAlive) {
        if (keepAlive) {
            state = State.IDLE;
            timeouts.awaitRequest();
            readNext();
        } else {
            state = State.CLOSING;
            ctx.close();
        }
    }

    /**
     * Asks for the next message from the client. Safe from inside channelRead: the
     * {@link OneMessagePerRead} before this handler never delivers a message nested in another.
     */
    void readNext() {
        ctx.read();
    }

    /** The exchange has written the whole response (or given up): go on with the next request or close. */
    void exchangeDone(boolean keepAlive) {
        exchange = null;
        afterLocalResponse(keepAlive && ctx.channel().isActive());
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        state = State.CLOSING;
        if (exchange != null) {
            exchange.onClientClosed();
            exchange = null;
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt == ClientTimeouts.HEAD_TIMED_OUT) {
            if (state == State.IDLE) {
                respondLocally(LocalResponses.page(HttpResponseStatus.REQUEST_TIMEOUT, "The request head did not "
                        + "arrive within " + context.config().requestHeadTimeout().toMillis() + " ms."), false, false);
            } else {
                ctx.close();
            }
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("client connection {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }

    private static String clientIp(SocketAddress address) {
        if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress().getHostAddress();
        }
        return "unknown";
    }
}
