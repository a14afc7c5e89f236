package io.dinp.router;

import io.dinp.model.Backend;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One proxied request and its response. Bodies stream both ways with backpressure: the next
 * piece is read from one side only once the previous one was written to the other. All calls
 * come from the client connection's event loop, which the backend connection shares.
 */
final class ProxyExchange {
    private static final Logger log = LoggerFactory.getLogger(ProxyExchange.class);

    private final ChannelHandlerContext front;
    private final FrontendHandler owner;
    private final BackendConnector connector;
    private final HttpRequest request;
    private final String app;
    private final HttpVersion clientVersion;
    private final boolean head;
    private boolean clientKeepAlive;

    private Channel backendChannel;
    private Backend backend;
    private boolean requestDone;
    private boolean responseStarted;
    private boolean informational;
    private boolean responseEnded;
    private boolean responseWritten;
    private boolean backendReusable = true;
    private boolean finished;
    private ChannelFuture lastResponseWrite;

    ProxyExchange(ChannelHandlerContext front, FrontendHandler owner, BackendConnector connector,
            HttpRequest request, String app) {
        this.front = front;
        this.owner = owner;
        this.connector = connector;
        this.request = request;
        this.app = app;
        this.clientVersion = request.protocolVersion();
        this.head = HttpMethod.HEAD.equals(request.method());
        this.clientKeepAlive = HttpUtil.isKeepAlive(request);
    }

    void start(List<Backend> candidates, String clientIp) {
        ProxyHeaders.prepareRequest(request, clientIp);
        connector.acquire(front.channel().eventLoop(), candidates, new BackendConnector.Callback() {
            @Override
            public void connected(Channel channel, Backend chosen) {
                onConnected(channel, chosen);
            }

            @Override
            public void failed(List<String> errors) {
                onConnectFailed(errors);
            }
        });
    }

    private void onConnected(Channel channel, Backend chosen) {
        BackendHandler handler = BackendHandler.of(channel);
        if (finished) {
            // The client left while we were connecting; nothing was written, the connection is clean.
            handler.release();
            return;
        }
        backendChannel = channel;
        backend = chosen;
        handler.attach(this);
        channel.writeAndFlush(request).addListener(f -> {
            if (finished) {
                return;
            }
            if (!f.isSuccess()) {
                backendReusable = false;
                failBeforeResponse(HttpResponseStatus.BAD_GATEWAY,
                        "Instance " + backend.instanceId() + " of app " + app + " closed the connection.", f.cause());
                return;
            }
            owner.readNext();
        });
        channel.read();
    }

    private void onConnectFailed(List<String> errors) {
        if (finished) {
            return;
        }
        finished = true;
        log.warn("no instance of app {} accepted a connection: {}", app, String.join("; ", errors));
        owner.respondLocally(LocalResponses.page(HttpResponseStatus.BAD_GATEWAY,
                "No instance of app " + app + " accepted a connection (" + errors.size()
                        + " tried). Try again shortly; if it persists, check that the app is running."),
                clientKeepAlive, true);
    }

    /** A piece of the request body from the client. */
    void onRequestContent(HttpContent content) {
        if (finished) {
            content.release();
            return;
        }
        if (content.decoderResult().isFailure()) {
            content.release();
            abort("malformed request body from the client", content.decoderResult().cause());
            return;
        }
        boolean last = content instanceof LastHttpContent;
        backendChannel.writeAndFlush(content).addListener(f -> {
            if (finished) {
                return;
            }
            if (!f.isSuccess()) {
                backendReusable = false;
                if (responseStarted) {
                    abort("could not send the request body to " + backend.hostPort(), f.cause());
                } else {
                    failBeforeResponse(HttpResponseStatus.BAD_GATEWAY, "Instance " + backend.instanceId()
                            + " of app " + app + " closed the connection while receiving the request.", f.cause());
                }
                return;
            }
            if (last) {
                requestDone = true;
                maybeFinish();
            } else {
                owner.readNext();
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
                failBeforeResponse(HttpResponseStatus.BAD_GATEWAY, "Instance " + backend.instanceId()
                        + " of app " + app + " sent an invalid response.", response.decoderResult().cause());
                return;
            }
            informational = response.status().codeClass() == io.netty.handler.codec.http.HttpStatusClass.INFORMATIONAL
                    && response.status().code() != 101;
            if (informational) {
                ProxyHeaders.removeHopByHop(response.headers());
            } else {
                backendReusable &= HttpUtil.isKeepAlive(response);
                clientKeepAlive = ProxyHeaders.prepareResponse(response, clientVersion, clientKeepAlive, head);
                responseStarted = true;
            }
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
        if (write == null) {
            backendChannel.read();
            return;
        }
        write.addListener(f -> {
            if (finished) {
                return;
            }
            if (f.isSuccess()) {
                backendChannel.read();
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
            failBeforeResponse(HttpResponseStatus.BAD_GATEWAY, "Instance " + backend.instanceId() + " of app "
                    + app + " closed the connection without responding.", null);
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

    void onClientClosed() {
        if (finished) {
            return;
        }
        finished = true;
        if (backendChannel != null) {
            BackendHandler.of(backendChannel).discard();
        }
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
        log.warn("{} {} {}: {} {}", app, request.method(), request.uri(), message,
                cause == null ? "" : cause.toString());
        BackendHandler.of(backendChannel).discard();
        owner.respondLocally(LocalResponses.page(status, message), false, !requestDone);
    }

    private void abort(String why, Throwable cause) {
        finished = true;
        log.info("aborting {} {} for app {}: {}{}", request.method(), request.uri(), app, why,
                cause == null ? "" : " (" + cause + ")");
        if (backendChannel != null) {
            BackendHandler.of(backendChannel).discard();
        }
        owner.exchangeDone(false);
    }
}
