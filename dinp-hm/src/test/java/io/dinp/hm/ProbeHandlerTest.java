package io.dinp.hm;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProbeHandlerTest {
    /** What the handler told its sink, in order. */
    private final List<String> told = new ArrayList<>();
    private final List<byte[]> bodies = new ArrayList<>();
    private boolean readsBody = true;

    private final ResponseSink sink = new ResponseSink() {
        @Override
        public boolean readsBody() {
            return readsBody;
        }

        @Override
        public void responded(Channel channel, int status, byte[] bodyPrefix, boolean keepAlive) {
            told.add("responded " + status + (keepAlive ? " keep-alive" : " close"));
            bodies.add(bodyPrefix);
        }

        @Override
        public void lost(Channel channel, Throwable cause, boolean responseStarted) {
            told.add("lost " + (cause == null ? "closed" : cause.getClass().getSimpleName())
                    + (responseStarted ? " mid-response" : " before a response"));
        }
    };
    private final EmbeddedChannel ch = new EmbeddedChannel(ProbeHandler.decoder(), new ProbeHandler(sink));

    private void receive(String s) {
        ch.writeInbound(Unpooled.copiedBuffer(s, StandardCharsets.ISO_8859_1));
    }

    private String body(int i) {
        return bodies.get(i) == null ? null : new String(bodies.get(i), StandardCharsets.ISO_8859_1);
    }

    @Test
    void aSizedResponseOnAKeptAliveConnection() {
        receive("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");

        assertThat(told).containsExactly("responded 200 keep-alive");
        assertThat(body(0)).isEqualTo("ok");
        assertThat(ch.isOpen()).isTrue();
    }

    @Test
    void aResponseInPiecesIsReportedOnceComplete() {
        receive("HTTP/1.1 503 Service Unavailable\r\nContent-Le");
        receive("ngth: 4\r\n\r\ndo");
        assertThat(told).isEmpty();

        receive("wn");

        assertThat(told).containsExactly("responded 503 keep-alive");
        assertThat(body(0)).isEqualTo("down");
    }

    @Test
    void aChunkedBodyIsJoined() {
        receive("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nall\r\n4\r\n is \r\n2\r\nok\r\n0\r\n\r\n");

        assertThat(told).containsExactly("responded 200 keep-alive");
        assertThat(body(0)).isEqualTo("all is ok");
    }

    @Test
    void onlyTheFirst4096BodyBytesAreKeptButTheWholeBodyIsRead() {
        String big = "x".repeat(10_000);
        receive("HTTP/1.1 200 OK\r\nContent-Length: 10000\r\n\r\n" + big
                + "HTTP/1.1 204 No Content\r\n\r\n");

        assertThat(told).containsExactly("responded 200 keep-alive", "responded 204 keep-alive");
        assertThat(bodies.get(0)).hasSize(4096);
        assertThat(body(1)).isEmpty();
    }

    @Test
    void theBodyIsNotKeptWhenTheCheckDoesNotLookAtIt() {
        readsBody = false;
        receive("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");

        assertThat(told).containsExactly("responded 200 keep-alive");
        assertThat(bodies.get(0)).isNull();
    }

    @Test
    void connectionCloseAndHttp10MeanNoKeepAlive() {
        receive("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok");
        receive("HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok");
        receive("HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 2\r\n\r\nok");

        assertThat(told).containsExactly("responded 200 close", "responded 200 close", "responded 200 keep-alive");
    }

    @Test
    void aBodyUntilCloseEndsWithTheConnection() {
        receive("HTTP/1.0 200 OK\r\n\r\nall ");
        receive("ok");
        assertThat(told).isEmpty();

        ch.close();

        // then the connection is idle and closed, which the probe has let go of already
        assertThat(told).containsExactly("responded 200 close", "lost closed before a response");
        assertThat(body(0)).isEqualTo("all ok");
    }

    @Test
    void interimResponsesAreSkipped() {
        receive("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");

        assertThat(told).containsExactly("responded 200 keep-alive");
        assertThat(body(0)).isEqualTo("ok");
    }

    @Test
    void aCloseMidResponseIsALossAfterAResponseStarted() {
        receive("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nok");
        ch.close();

        assertThat(told).containsExactly("lost closed mid-response");
    }

    @Test
    void aCloseOnAnIdleConnectionIsALossBeforeAResponse() {
        ch.close();

        assertThat(told).containsExactly("lost closed before a response");
    }

    @Test
    void garbageIsALossThatClosesTheConnectionAndIsReportedOnce() {
        receive("SSH-2.0-OpenSSH_9.6\r\n\r\n");

        assertThat(told).hasSize(1);
        assertThat(told.getFirst()).startsWith("lost " + DecoderException.class.getSimpleName());
        assertThat(ch.isOpen()).isFalse();
    }

    @Test
    void aResetIsReportedOnceAndClosesTheConnection() {
        ch.pipeline().fireExceptionCaught(new SocketException("Connection reset"));

        assertThat(told).containsExactly("lost SocketException before a response");
        assertThat(ch.isOpen()).isFalse();
    }
}
