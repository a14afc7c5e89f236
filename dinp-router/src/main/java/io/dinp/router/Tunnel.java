package io.dinp.router;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.IdleStateHandler;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Turns a client connection and a backend connection that agreed to switch protocols (a
 * WebSocket handshake answered 101) into a raw byte pipe: from then on the router neither parses
 * nor frames what either side sends.
 *
 * <p>The HTTP decoders may already hold bytes of the new protocol when the switch happens: the
 * backend often writes its first frames right behind the 101, and a client may write right behind
 * its request. None of them may be lost or taken for HTTP, so the client's request decoder is
 * detached as soon as the upgrade request is seen, and at the switch every decoder hands on what
 * it holds, in the order it was received, before anything else is read.
 */
final class Tunnel {
    private static final String HANDLER = "tunnel";
    private static final String IDLE = "tunnel-idle";

    private Tunnel() {
    }

    /**
     * Stops decoding the client's bytes as HTTP after the upgrade request being handled: what
     * follows it stays raw bytes, held until the switch (or thrown away with the connection when the
     * backend does not switch). The response encoder stays, so any answer still goes out as HTTP.
     */
    static void holdClientBytes(Channel client) {
        HttpServerCodec codec = client.pipeline().get(HttpServerCodec.class);
        if (codec != null) {
            codec.removeInboundHandler();
        } else if (client.pipeline().get(HttpRequestDecoder.class) != null) {
            client.pipeline().remove(HttpRequestDecoder.class);
        }
    }

    /**
     * Switches both pipelines to relaying bytes. The 101 response must already have been written to
     * the client (it is encoded on write, so the HTTP encoder can go right after). Call on the event
     * loop the two connections share, from anywhere, including from inside a read of either of them.
     *
     * @param idleTimeout how long the pipe may carry nothing either way before it is closed; zero for never
     */
    static void open(Channel client, Channel backend, Duration idleTimeout) {
        TunnelHandler toBackend = new TunnelHandler(backend);
        TunnelHandler toClient = new TunnelHandler(client);
        client.pipeline().addLast(HANDLER, toBackend);
        backend.pipeline().addLast(HANDLER, toClient);
        // Nearest to the tunnel handler first: a handler nearer the socket holds later bytes than the
        // ones after it, so this hands every leftover on in the order it came. The tunnel handlers
        // hold them until both pipelines are raw, then relay them.
        stripAllBut(client.pipeline(), toBackend);
        stripAllBut(backend.pipeline(), toClient);
        if (idleTimeout.isPositive()) {
            // Every byte of the pipe passes the client connection, so its idleness is the pipe's.
            client.pipeline().addFirst(IDLE, new IdleStateHandler(0, 0, idleTimeout.toMillis(), TimeUnit.MILLISECONDS));
        }
        toBackend.start(client.pipeline().context(toBackend));
        toClient.start(backend.pipeline().context(toClient));
    }

    private static void stripAllBut(ChannelPipeline pipeline, ChannelHandler kept) {
        List<String> names = pipeline.names();
        for (int i = names.size() - 1; i >= 0; i--) {
            ChannelHandler handler = pipeline.get(names.get(i));
            if (handler != null && handler != kept) {
                pipeline.remove(handler);
            }
        }
    }
}
