package io.dinp.hm;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import org.junit.jupiter.api.Test;

class CheckErrorsTest {
    private static String describe(Throwable t) {
        return CheckErrors.describe(t, "10.0.0.7", 8080);
    }

    @Test
    void refusedConnectionsSaySoWhateverTheTransportCallsThem() {
        assertThat(describe(new ConnectException("Connection refused: /10.0.0.7:8080")))
                .isEqualTo("connection refused by 10.0.0.7:8080");
        assertThat(describe(new ConnectException("finishConnect(..) failed: Connection refused")))
                .isEqualTo("connection refused by 10.0.0.7:8080");
    }

    @Test
    void resetConnectionsSaySo() {
        assertThat(describe(new SocketException("Connection reset"))).isEqualTo("connection reset by 10.0.0.7:8080");
        assertThat(describe(new IOException("recvAddress(..) failed: Connection reset by peer")))
                .isEqualTo("connection reset by 10.0.0.7:8080");
    }

    @Test
    void aClosedConnectionSaysSo() {
        assertThat(describe(null)).isEqualTo("the connection closed before a complete response from 10.0.0.7:8080");
        assertThat(describe(new ClosedChannelException()))
                .isEqualTo("the connection closed before a complete response from 10.0.0.7:8080");
    }

    @Test
    void unreachableAndUnknownHostsSaySo() {
        assertThat(CheckErrors.describe(new UnknownHostException("nope: Name or service not known"), "nope", 80))
                .isEqualTo("host nope does not resolve");
        assertThat(describe(new NoRouteToHostException("No route to host"))).isEqualTo("no route to 10.0.0.7:8080");
        assertThat(describe(new ConnectException("Network is unreachable")))
                .isEqualTo("network unreachable for 10.0.0.7:8080");
    }

    @Test
    void anUndecodableResponseSaysWhatWasWrong() {
        assertThat(describe(new DecoderException(new IllegalArgumentException("invalid version format: XTTP/1.1"))))
                .isEqualTo("invalid HTTP response from 10.0.0.7:8080: invalid version format: XTTP/1.1");
        assertThat(describe(new TooLongHttpLineException("An HTTP line is larger than 4096 bytes.")))
                .isEqualTo("invalid HTTP response from 10.0.0.7:8080: An HTTP line is larger than 4096 bytes.");
    }

    @Test
    void anythingElseKeepsItsMessage() {
        assertThat(describe(new IOException("Too many open files")))
                .isEqualTo("check of 10.0.0.7:8080 failed: Too many open files");
        assertThat(describe(new ConnectException("Cannot assign requested address")))
                .isEqualTo("could not connect to 10.0.0.7:8080: Cannot assign requested address");
    }

    @Test
    void ipv6AddressesAreBracketed() {
        assertThat(CheckErrors.hostPort("fd00::7", 8080)).isEqualTo("[fd00::7]:8080");
        assertThat(CheckErrors.hostPort("[fd00::7]", 8080)).isEqualTo("[fd00::7]:8080");
        assertThat(CheckErrors.hostPort("app.local", 80)).isEqualTo("app.local:80");
    }
}
