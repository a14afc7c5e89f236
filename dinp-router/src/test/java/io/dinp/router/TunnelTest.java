package io.dinp.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The switch from HTTP to a raw pipe on the router's own pipelines, without sockets: a client
 * connection as the router builds it, a backend connection with the router's client codec.
 */
class TunnelTest {
    private static final String HANDSHAKE = "GET /ws HTTP/1.1\r\nHost: chat.apps.localhost\r\n"
            + "Connection: Upgrade\r\nUpgrade: websocket\r\n\r\n";
    private static final String SWITCH = "HTTP/1.1 101 Switching Protocols\r\n"
            + "Connection: Upgrade\r\nUpgrade: websocket\r\n\r\n";

    private final List<Object> requests = new ArrayList<>();
    private final EmbeddedChannel client = new EmbeddedChannel(false, false);
    private final EmbeddedChannel backend = new EmbeddedChannel();

    TunnelTest() throws Exception {
        client.pipeline().addLast(new HttpServerCodec(), new OneMessagePerRead(), new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                // What ProxyExchange does on an upgrade request.
                if (msg instanceof HttpRequest) {
                    Tunnel.holdClientBytes(ctx.channel());
                }
                requests.add(msg);
            }
        });
        client.config().setAutoRead(false); // as on the router's connections
        client.register();
        backend.config().setAutoRead(false);
        backend.pipeline().addLast(new HttpClientCodec(), new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                // What ProxyExchange does on the backend's 101.
                if (msg instanceof HttpResponse response && response.status().code() == 101) {
                    client.write(response);
                    Tunnel.open(client, backend, Duration.ZERO);
                } else {
                    ReferenceCountUtil.release(msg);
                }
            }
        });
    }

    @AfterEach
    void tearDown() {
        client.finishAndReleaseAll();
        backend.finishAndReleaseAll();
    }

    private static ByteBuf bytes(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.ISO_8859_1);
    }

    private static String drain(EmbeddedChannel channel) {
        StringBuilder out = new StringBuilder();
        ByteBuf buf;
        while ((buf = channel.readOutbound()) != null) {
            out.append(buf.toString(StandardCharsets.ISO_8859_1));
            buf.release();
        }
        return out.toString();
    }

    /** The client sends its handshake (and maybe more right behind it); the router sends it on to the backend. */
    private void handshake(String clientBytes) {
        client.read();
        client.writeInbound(bytes(clientBytes));
        assertThat(requests).hasSize(1).first().isInstanceOf(HttpRequest.class);
        HttpRequest forwarded = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/ws");
        backend.writeOutbound(forwarded, LastHttpContent.EMPTY_LAST_CONTENT);
        drain(backend);
    }

    @Test
    void bytesBehindTheRequestAndBehindThe101ReachTheOtherSideInOrder() {
        // Frames start with bytes an HTTP decoder skips as control characters, and may hold a CRLF.
        String clientFrame = "\u0081\u0085client\r\nearly";
        String serverFrame = "\u0081\u0005server\r\n\r\nearly";
        handshake(HANDSHAKE + clientFrame);

        backend.writeInbound(bytes(SWITCH + serverFrame));

        String toClient = drain(client);
        assertThat(toClient).startsWith("HTTP/1.1 101 Switching Protocols\r\n").endsWith("\r\n\r\n" + serverFrame);
        assertThat(toClient.toLowerCase()).contains("upgrade: websocket");
        assertThat(drain(backend)).isEqualTo(clientFrame);
        assertThat(client.pipeline().names()).containsOnlyOnce("tunnel").noneMatch(n -> n.contains("Codec"));
        assertThat(backend.pipeline().names()).containsOnlyOnce("tunnel").noneMatch(n -> n.contains("Codec"));
        assertThat(client.config().isAutoRead()).isTrue();
        assertThat(backend.config().isAutoRead()).isTrue();

        client.writeInbound(bytes("ping"));
        backend.writeInbound(bytes("pong"));

        assertThat(drain(backend)).isEqualTo("ping");
        assertThat(drain(client)).isEqualTo("pong");
    }

    @Test
    void bytesArrivingLaterAreNotTakenForHttp() {
        handshake(HANDSHAKE);
        backend.writeInbound(bytes(SWITCH));
        drain(client);

        // Looks like a request, but after the switch it is just bytes of the new protocol.
        client.writeInbound(bytes("GET / HTTP/1.1\r\n\r\n"));
        backend.writeInbound(bytes("HTTP/1.1 200 OK\r\n\r\n"));

        assertThat(drain(backend)).isEqualTo("GET / HTTP/1.1\r\n\r\n");
        assertThat(drain(client)).isEqualTo("HTTP/1.1 200 OK\r\n\r\n");
    }

    @Test
    void aSideThatCannotTakeMoreStopsReadingFromTheOther() {
        handshake(HANDSHAKE);
        backend.writeInbound(bytes(SWITCH));

        writable(backend, false);
        assertThat(client.config().isAutoRead()).as("client read while backend unwritable").isFalse();
        assertThat(backend.config().isAutoRead()).isTrue();

        writable(backend, true);
        writable(client, false);
        assertThat(client.config().isAutoRead()).isTrue();
        assertThat(backend.config().isAutoRead()).as("backend read while client unwritable").isFalse();

        writable(client, true);
        assertThat(backend.config().isAutoRead()).isTrue();
    }

    /** As when the socket's send buffer fills (or drains) past the water marks; the event comes as a task. */
    private static void writable(EmbeddedChannel channel, boolean writable) {
        channel.unsafe().outboundBuffer().setUserDefinedWritability(1, writable);
        channel.runPendingTasks();
    }

    @Test
    void closingTheBackendClosesTheClientAfterFlushingWhatWasRelayed() {
        handshake(HANDSHAKE);
        backend.writeInbound(bytes(SWITCH));
        drain(client);

        backend.writeInbound(bytes("last words"));
        backend.close();
        client.runPendingTasks();

        assertThat(drain(client)).isEqualTo("last words");
        assertThat(client.isOpen()).isFalse();
    }

    @Test
    void closingTheClientClosesTheBackend() {
        handshake(HANDSHAKE);
        backend.writeInbound(bytes(SWITCH));

        client.close();
        backend.runPendingTasks();

        assertThat(backend.isOpen()).isFalse();
    }
}
