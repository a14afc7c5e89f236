package io.dinp.router;

import io.dinp.model.Backend;
import io.dinp.router.RetryPolicy.Failure;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.PrematureChannelClosureException;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One proxied request and its response. Bodies stream both ways with backpressure: the next
 * piece is read from one side only once the previous one was written to the other. All calls
 * come from the client connection's event loop, which the backend connection shares.
 *
 * <p>An attempt whose connection fails before the backend sent a byte is repeated on another
 * connection when {@link RetryPolicy} allows it, so that a deploy or a lost instance fails no
 * request the app never answered. The request head is kept for that; body pieces are not, so
 * once body bytes went out the request is not repeated. A small response to such a request is
 * held until its end before any of it goes to the client ({@link RetryPolicy#holdWhole}), so that
 * an instance dying between its head and its end is one more failed attempt, not a cut response.
 *
 * <p>A request that asks to switch protocols (a WebSocket handshake) is proxied the same way, with
 * the same retries. If the backend answers 101, the exchange ends by handing both connections to a
 * {@link Tunnel}; any other answer is an ordinary response, after which the client connection closes
 * (its decoder was detached at the request, see {@link Tunnel#holdClientBytes}).
 */
final class ProxyExchange {
    private static final Logger log = LoggerFactory.getLogger(ProxyExchange.class);

    private final ChannelHandlerContext front;
    private final FrontendHandler owner;
    private final BackendConnector connector;
    private final HttpRequest request;
    private final String app;
    private final AttemptPlan plan;
    private final StickySessions.Pin pin; // null unless the app has sticky sessions
    private final HttpVersion clientVersion;
    private final boolean head;
    private boolean clientKeepAlive;
    private String upgrade; // the protocols the backend is asked to switch to; null for a plain request

    // The request, across attempts.
    private HttpContent held; // a client piece that arrived while no connection could take it
    private boolean clientEndRead;
    private boolean bodySent;
    private boolean readPending; // the client was asked for its next piece, which has not come yet
    private boolean freshOnly; // a pooled connection failed: the next attempts connect anew
    private boolean onlyConnectFailures = true;
    private long startedNanos;

    // The current attempt.
    private Channel backendChannel; // null between attempts
    private Backend backend;
    private boolean pooled;
    private boolean headWritten;
    private boolean requestDone;
    private boolean backendReusable;

    // The response.
    private boolean responseStarted;
    private boolean informational;
    private boolean responseEnded;
    private boolean responseWritten;
    private boolean finished;
    private ChannelFuture lastResponseWrite;
    private List<HttpObject> heldResponse; // a small response kept until its end (RetryPolicy.holdWhole); else null

    ProxyExchange(ChannelHandlerContext front, FrontendHandler owner, BackendConnector connector,
            HttpRequest request, String app, AttemptPlan plan) {
        this(front, owner, connector, request, app, plan, null);
    }

    /** @param pin how to pin the client to the instance that answers, for an app with sticky sessions; else null */
    ProxyExchange(ChannelHandlerContext front, FrontendHandler owner, BackendConnector connector,
            HttpRequest request, String app, AttemptPlan plan, StickySessions.Pin pin) {
        this.front = front;
        this.owner = owner;
        this.connector = connector;
        this.request = request;
        this.app = app;
        this.plan = plan;
        this.pin = pin;
        this.clientVersion = request.protocolVersion();
        this.head = HttpMethod.HEAD.equals(request.method());
        this.clientKeepAlive = HttpUtil.isKeepAlive(request);
    }

    /** @param port the router port the client connected to (X-Forwarded-Port) */
    void start(String clientIp, String scheme, int port) {
        startedNanos = System.nanoTime();
        upgrade = ProxyHeaders.prepareRequest(request, clientIp, scheme, port);
        if (upgrade != null) {
            // Bodiless by rule, and whatever the client sends after it is the new protocol or nothing.
            clientEndRead = true;
            clientKeepAlive = false;
            Tunnel.holdClientBytes(front.channel());
        }
        attempt(plan.current());
    }

    private void attempt(Backend target) {
        connector.acquire(front.channel().eventLoop(), target, !freshOnly, new BackendConnector.Callback() {
            @Override
            public void connected(Channel channel, boolean fromPool) {
                onConnected(target, channel, fromPool);
            }

            @Override
            public void failed(Throwable cause) {
                onConnectFailed(target, cause);
            }
        });
    }

    private void onConnected(Backend target, Channel channel, boolean fromPool) {
        BackendHandler handler = BackendHandler.of(channel);
        if (finished) {
            // The client left while we were connecting; nothing was written, the connection is clean.
            handler.release();
            return;
        }
        backendChannel = channel;
        backend = target;
        pooled = fromPool;
        headWritten = false;
        requestDone = false;
        backendReusable = true;
        handler.attach(this);
        channel.writeAndFlush(request).addListener(f -> onHeadWritten(channel, f));
        channel.read();
    }

    private void onHeadWritten(Channel channel, Future<?> f) {
        if (finished || channel != backendChannel) {
            return;
        }
        if (!f.isSuccess()) {
            attemptFailed(Failure.UNSENT, f.cause());
            return;
        }
        headWritten = true;
        if (held != null) {
            HttpContent piece = held;
            held = null;
            send(piece);
        } else if (clientEndRead) {
            // A repeat whose empty body the client already sent: end the request again.
            send(LastHttpContent.EMPTY_LAST_CONTENT);
        } else {
            askClient();
        }
    }

    private void onConnectFailed(Backend target, Throwable cause) {
        if (finished) {
            return;
        }
        String why = target.instanceId() + " at " + target.hostPort() + ": " + cause.getMessage();
        Backend next = plan.next(true);
        if (next != null) {
            connector.metrics().retried(app);
            log.debug("{} {} for app {}: connect to {} failed, trying {}", request.method(), request.uri(), app, why,
                    next.hostPort());
            attempt(next);
            return;
        }
        if (!onlyConnectFailures) {
            failBeforeResponse(HttpResponseStatus.BAD_GATEWAY, "No instance of app " + app
                    + " took the request (" + plan.attempts() + " attempts). Try again shortly.", cause);
            return;
        }
        if (!(cause instanceof BackendConnector.BackendBusyException)) {
            // none took a connection, so none saw the request: a gap of a moment (Docker rebuilding its
            // NAT rules as dockerd restarts) should not fail it; wait and try them all again, within the grace
            long elapsed = (System.nanoTime() - startedNanos) / 1_000_000;
            long pause = RetryPolicy.nextRoundDelayMillis(plan.rounds(), elapsed, connector.config().connectGrace().toMillis());
            if (pause >= 0) {
                log.debug("{} {} for app {}: no instance took a connection (last {}), trying them again in {} ms",
                        request.method(), request.uri(), app, why, pause);
                front.channel().eventLoop().schedule(() -> {
                    if (!finished) {
                        connector.metrics().retried(app);
                        attempt(plan.nextRound());
                    }
                }, pause, java.util.concurrent.TimeUnit.MILLISECONDS);
                return;
            }
        }
        finished = true;
        releaseHeld();
        if (cause instanceof BackendConnector.BackendBusyException) {
            log.warn("every instance of app {} is at the connection limit ({} tried)", app, plan.attempts());
            owner.respondLocally(LocalResponses.page(HttpResponseStatus.SERVICE_UNAVAILABLE, "Every instance of app "
                    + app + " has as many connections as the router allows. Try again shortly."),
                    clientKeepAlive && !readPending, !clientEndRead);
            return;
        }
        log.warn("no instance of app {} accepted a connection ({} tried, last {})", app, plan.attempts(), why);
        // An outstanding read of the client body would land after the page; close instead.
        owner.respondLocally(LocalResponses.page(HttpResponseStatus.BAD_GATEWAY,
                "No instance of app " + app + " accepted a connection (" + plan.attempts()
                        + " tried). Try again shortly; if it persists, check that the app is running."),
                clientKeepAlive && !readPending, !clientEndRead);
    }

    /** A piece of the request body from the client. */
    void onRequestContent(HttpContent content) {
        readPending = false;
        if (finished) {
            content.release();
            return;
        }
        if (content.decoderResult().isFailure()) {
            content.release();
            onClientError(HttpResponseStatus.BAD_REQUEST, "The request body is not validly framed: "
                    + content.decoderResult().cause().getMessage());
            return;
        }
        clientEndRead |= content instanceof LastHttpContent;
        if (backendChannel == null || !headWritten) {
            held = content; // a retry is connecting; it sends this after the head
            return;
        }
        send(content);
    }

    private void askClient() {
        if (!readPending) {
            readPending = true;
            owner.readNext();
        }
    }

    private void send(HttpContent content) {
        boolean last = content instanceof LastHttpContent;
        bodySent |= content.content().isReadable()
                || (last && !((LastHttpContent) content).trailingHeaders().isEmpty());
        Channel channel = backendChannel;
        channel.writeAndFlush(content).addListener(f -> {
            if (finished || channel != backendChannel) {
                return;
            }
            if (!f.isSuccess()) {
                if (responseStarted) {
                    abort("could not send the request body to " + backend.hostPort(), f.cause());
                } else {
                    attemptFailed(Failure.UNANSWERED, f.cause());
                }
                return;
            }
            if (last) {
                requestDone = true;
                maybeFinish();
            } else {
                askClient();
            }
        });
    }

    /** Something the backend sent: response head, body piece or end. */
    void onResponseObject(Object msg) {
        if (finished || responseEnded || !(msg instanceof HttpObject)) {
            // Bytes after the end of the response: the connection is out of step, never reuse it.
            ReferenceCountUtil.release(msg);
            backendReusable = false;
            return;
        }
        if (msg instanceof HttpResponse response) {
            if (response.decoderResult().isFailure()) {
                ReferenceCountUtil.release(msg);
                backendReusable = false;
                if (response.decoderResult().cause() instanceof PrematureChannelClosureException) {
                    return; // a head cut short: the close that follows is handled as such (onBackendClosed)
                }
                failBeforeResponse(HttpResponseStatus.BAD_GATEWAY, "Instance " + backend.instanceId()
                        + " of app " + app + " sent an invalid response.", response.decoderResult().cause());
                return;
            }
            if (response.status().code() == HttpResponseStatus.SWITCHING_PROTOCOLS.code()) {
                switchProtocols(response);
                return;
            }
            informational = response.status().codeClass() == HttpStatusClass.INFORMATIONAL;
            if (informational) {
                ProxyHeaders.removeHopByHop(response.headers());
            } else if (RetryPolicy.holdWhole(request.method(), bodySent, HttpUtil.getContentLength(response, -1L))) {
                heldResponse = new ArrayList<>(3);
            } else {
                startResponse(response);
            }
        }
        if (heldResponse != null) {
            heldResponse.add((HttpObject) msg);
            if (!(msg instanceof LastHttpContent)) {
                return; // onResponseBatchEnd reads on
            }
            // whole: it goes out now, head first
            List<HttpObject> whole = heldResponse;
            heldResponse = null;
            startResponse((HttpResponse) whole.get(0));
            for (int i = 0; i < whole.size() - 1; i++) {
                front.write(whole.get(i));
            }
            msg = whole.get(whole.size() - 1);
        }
        boolean last = msg instanceof LastHttpContent;
        ChannelFuture write = front.write(msg);
        lastResponseWrite = write;
        if (last && informational) {
            informational = false;
        } else if (last) {
            responseEnded = true;
            front.flush();
            write.addListener(f -> {
                if (finished) {
                    return;
                }
                if (!f.isSuccess()) {
                    abort("client went away", f.cause());
                    return;
                }
                responseWritten = true;
                maybeFinish();
            });
        }
    }

    /** The response head is final and goes to the client: adapt its headers to the client connection. */
    private void startResponse(HttpResponse response) {
        backendReusable &= HttpUtil.isKeepAlive(response);
        clientKeepAlive = ProxyHeaders.prepareResponse(response, clientVersion, clientKeepAlive, head);
        if (pin != null) {
            pin.stamp(response, backend);
        }
        responseStarted = true;
    }

    /**
     * The backend agreed to switch protocols: forward its 101, then both connections carry raw
     * bytes and this exchange is over. The backend connection goes with the tunnel, never to the pool.
     */
    private void switchProtocols(HttpResponse response) {
        String protocol = response.headers().get(HttpHeaderNames.UPGRADE);
        if (upgrade == null || !ProxyHeaders.offered(upgrade, protocol)) {
            backendReusable = false;
            failBeforeResponse(HttpResponseStatus.BAD_GATEWAY, "Instance " + backend.instanceId() + " of app " + app
                    + " switched to protocol " + protocol + ", which the request did not ask for.", null);
            return;
        }
        finished = true;
        ProxyHeaders.prepareSwitch(response);
        front.write(response); // encoded here, while the client connection still has its HTTP encoder
        log.debug("{} {} for app {}: instance {} switched to {}", request.method(), request.uri(), app,
                backend.instanceId(), protocol);
        connector.tunnel(front.channel(), backendChannel);
    }

    /** The backend's current read is done: flush it to the client, read on once it is written. */
    void onResponseBatchEnd() {
        if (finished) {
            return;
        }
        front.flush();
        ChannelFuture write = lastResponseWrite;
        lastResponseWrite = null;
        if (responseEnded) {
            return;
        }
        Channel channel = backendChannel;
        if (write == null) {
            channel.read();
            return;
        }
        write.addListener(f -> {
            if (finished || channel != backendChannel) {
                return;
            }
            if (f.isSuccess()) {
                channel.read();
            } else {
                abort("client went away", f.cause());
            }
        });
    }

    void onBackendClosed() {
        if (finished) {
            return;
        }
        backendReusable = false;
        if (responseEnded) {
            return; // the end is being written; its listener finishes the exchange
        }
        if (!responseStarted) {
            // bytes of a response seen, none sent on: the router was holding it, or its head was cut short
            attemptFailed(BackendHandler.of(backendChannel).responseBytesSeen() ? Failure.CUT : Failure.UNANSWERED, null);
        } else {
            abort("backend " + backend.hostPort() + " closed the connection mid-response", null);
        }
    }

    /** The backend sent nothing for the response timeout. */
    void onBackendSilent() {
        if (finished || !requestDone) {
            return; // still uploading: silence is expected until the body is in
        }
        backendReusable = false;
        if (!responseStarted) {
            failBeforeResponse(HttpResponseStatus.GATEWAY_TIMEOUT, "Instance " + backend.instanceId() + " of app "
                    + app + " did not answer in time.", null);
        } else {
            abort("backend " + backend.hostPort() + " stalled mid-response", null);
        }
    }

    /**
     * The client's request turned out unacceptable mid-body (malformed, too large): answer
     * {@code status} unless a response began, and close both connections, so the app never gets
     * the rest of it nor anything after it.
     */
    void onClientError(HttpResponseStatus status, String message) {
        if (finished) {
            return;
        }
        if (responseStarted) {
            abort(message, null);
            return;
        }
        finished = true;
        releaseHeld();
        if (backendChannel != null) {
            BackendHandler.of(backendChannel).discard();
        }
        owner.respondLocally(LocalResponses.page(status, message), false, false);
    }

    void onClientClosed() {
        if (finished) {
            return;
        }
        finished = true;
        releaseHeld();
        if (backendChannel != null) {
            BackendHandler.of(backendChannel).discard();
        }
    }

    /**
     * The current connection failed before a response began: repeat the request on another
     * connection if that is safe and attempts are left, else answer 502.
     */
    private void attemptFailed(Failure failure, Throwable cause) {
        BackendHandler handler = BackendHandler.of(backendChannel);
        boolean answered = handler.responseBytesSeen();
        handler.discard();
        releaseHeldResponse();
        backendChannel = null;
        headWritten = false;
        onlyConnectFailures = false;
        Backend failed = backend;
        String message = "Instance " + failed.instanceId() + " of app " + app + switch (failure) {
            case UNSENT -> " closed the connection before taking the request.";
            case CUT -> " closed the connection in the middle of its response.";
            default -> " closed the connection without responding.";
        };
        if (pooled) {
            // Most likely the idle-close race: the connection was stale, not the backend.
            freshOnly = true;
        } else if (!answered) {
            connector.eject(failed, "closed a new connection without responding");
        }
        Backend next = RetryPolicy.mayRetry(failure, request.method(), bodySent, answered) ? plan.next(!pooled) : null;
        if (next == null) {
            failBeforeResponse(HttpResponseStatus.BAD_GATEWAY, message, cause);
            return;
        }
        connector.metrics().retried(app);
        log.debug("{} {} for app {}: {} connection to {} failed ({}{}), retrying on a new connection to {}",
                request.method(), request.uri(), app, pooled ? "pooled" : "new", failed.hostPort(), failure,
                cause == null ? "" : ", " + cause, next.hostPort());
        attempt(next);
    }

    private void maybeFinish() {
        if (finished || !responseWritten) {
            return;
        }
        if (!requestDone) {
            // The app answered before reading the whole request body; the rest of it is still
            // on the client connection, so neither side can be reused.
            backendReusable = false;
            clientKeepAlive = false;
        }
        finished = true;
        BackendHandler handler = BackendHandler.of(backendChannel);
        if (backendReusable && backendChannel.isActive()) {
            handler.release();
        } else {
            handler.discard();
        }
        owner.exchangeDone(clientKeepAlive);
    }

    private void failBeforeResponse(HttpResponseStatus status, String message, Throwable cause) {
        if (responseStarted) {
            abort(message, cause);
            return;
        }
        finished = true;
        releaseHeld();
        log.warn("{} {} {}: {} {}", app, request.method(), request.uri(), message,
                cause == null ? "" : cause.toString());
        if (backendChannel != null) {
            BackendHandler.of(backendChannel).discard();
        }
        owner.respondLocally(LocalResponses.page(status, message), false, !clientEndRead);
    }

    private void abort(String why, Throwable cause) {
        finished = true;
        releaseHeld();
        log.info("aborting {} {} for app {}: {}{}", request.method(), request.uri(), app, why,
                cause == null ? "" : " (" + cause + ")");
        if (backendChannel != null) {
            BackendHandler.of(backendChannel).discard();
        }
        owner.exchangeDone(false);
    }

    private void releaseHeld() {
        if (held != null) {
            held.release();
            held = null;
        }
        releaseHeldResponse();
    }

    private void releaseHeldResponse() {
        if (heldResponse != null) {
            heldResponse.forEach(ReferenceCountUtil::release);
            heldResponse = null;
        }
    }
}
