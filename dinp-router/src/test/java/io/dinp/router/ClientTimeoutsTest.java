package io.dinp.router;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Slow and silent clients against the client pipeline, on a clock the test moves (defaults: head 10 s, idle 60 s). */
class ClientTimeoutsTest {
    private static final String NOT_FOUND = "GET / HTTP/1.1\r\nHost: nope.apps.localhost\r\n\r\n";

    private final RawFrontend frontend = new RawFrontend(RouterConfig.defaults());

    @AfterEach
    void tearDown() {
        frontend.close();
    }

    private static Duration s(long seconds) {
        return Duration.ofSeconds(seconds);
    }

    @Test
    void slowlorisTricklingAHeaderGets408AtTheHeadTimeout() {
        String head = "GET / HTTP/1.1\r\nHost: nope.apps.localhost\r\nX-Slow: aaaaaaaaaaaa";
        for (int i = 0; i < 9; i++) {
            frontend.send(head.substring(i, i + 1)).advance(s(1));
        }
        assertThat(frontend.isOpen()).isTrue();
        assertThat(frontend.output()).isEmpty();

        frontend.send(head.substring(9, 10)).advance(s(1));

        assertThat(frontend.status()).isEqualTo(408);
        assertThat(frontend.header("Connection")).isEqualTo("close");
        assertThat(frontend.isOpen()).isFalse();
        assertThat(frontend.backendAttempts()).isZero();
    }

    @Test
    void connectionThatSendsNothingIsClosedSilentlyAtTheHeadTimeout() {
        frontend.advance(s(9));
        assertThat(frontend.isOpen()).isTrue();

        frontend.advance(s(1));

        assertThat(frontend.isOpen()).isFalse();
        assertThat(frontend.output()).isEmpty();
    }

    @Test
    void headCompletedInTimeIsServed() {
        frontend.send("GET / HTTP/1.1\r\nHost: nope").advance(s(9));
        frontend.send(".apps.localhost\r\n\r\n").advance(s(5));

        assertThat(frontend.status()).isEqualTo(404);
        assertThat(frontend.isOpen()).isTrue();
    }

    @Test
    void idleKeepAliveConnectionIsClosedSilentlyAtTheIdleTimeout() {
        frontend.send(NOT_FOUND);
        assertThat(frontend.status()).isEqualTo(404);
        int answered = frontend.output().length();

        frontend.advance(s(59));
        assertThat(frontend.isOpen()).as("idle for less than the idle timeout").isTrue();
        frontend.advance(s(1));

        assertThat(frontend.isOpen()).isFalse();
        assertThat(frontend.output()).hasSize(answered);
    }

    @Test
    void nextHeadOnKeepAliveHasTheHeadTimeoutFromItsFirstByte() {
        frontend.send(NOT_FOUND).advance(s(55));
        frontend.send("GET / HT").advance(s(9));
        assertThat(frontend.isOpen()).as("9 s into the head, 64 s after the response").isTrue();

        frontend.advance(s(1));

        assertThat(frontend.isOpen()).isFalse();
        assertThat(frontend.output()).contains("HTTP/1.1 404 ").contains("HTTP/1.1 408 ");
    }

    @Test
    void keepAliveRequestsSpacedUnderTheIdleTimeoutAreAllServed() {
        for (int i = 0; i < 5; i++) {
            frontend.send(NOT_FOUND).advance(s(55));
        }

        assertThat(frontend.isOpen()).isTrue();
        assertThat(frontend.output().split("HTTP/1.1 404 ", -1)).hasSize(6);
    }

    @Test
    void clientStallingMidBodyIsClosedAtTheIdleTimeout() {
        frontend.send("POST / HTTP/1.1\r\nHost: nope.apps.localhost\r\nContent-Length: 10\r\n\r\nhello");
        assertThat(frontend.status()).isEqualTo(404);

        frontend.advance(s(30)).send("wor").advance(s(59));
        assertThat(frontend.isOpen()).as("bytes came 59 s ago").isTrue();
        frontend.advance(s(1));

        assertThat(frontend.isOpen()).isFalse();
    }
}
