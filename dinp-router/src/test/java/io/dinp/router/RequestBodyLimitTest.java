package io.dinp.router;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The request body limit (here 10 bytes) against the client pipeline. */
class RequestBodyLimitTest {
    private final RawFrontend frontend = new RawFrontend(RouterConfig.defaults().withMaxRequestBodySize(10));

    @AfterEach
    void tearDown() {
        frontend.close();
    }

    @Test
    void contentLengthOverTheLimitGets413BeforeAnyBackendIsTried() {
        frontend.send("POST / HTTP/1.1\r\nHost: web.apps.localhost\r\nContent-Length: 11\r\n\r\nhello world");

        assertThat(frontend.status()).isEqualTo(413);
        assertThat(frontend.header("Connection")).isEqualTo("close");
        assertThat(frontend.isOpen()).isFalse();
        assertThat(frontend.backendAttempts()).isZero();
    }

    @Test
    void contentLengthAtTheLimitIsProxied() {
        frontend.send("POST / HTTP/1.1\r\nHost: web.apps.localhost\r\nContent-Length: 10\r\n\r\nhelloworld");

        assertThat(frontend.backendAttempts()).isEqualTo(1);
    }

    @Test
    void chunkedBodyGrowingPastTheLimitEndsTheConnection() {
        // No app: the router answers 404 at once and reads the body only to throw it away.
        frontend.send("POST / HTTP/1.1\r\nHost: nope.apps.localhost\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "6\r\nhello \r\n");
        assertThat(frontend.status()).isEqualTo(404);
        assertThat(frontend.isOpen()).isTrue();

        frontend.send("5\r\nworld\r\n");

        assertThat(frontend.isOpen()).isFalse();
    }

    @Test
    void chunkedBodyWithinTheLimitLeavesTheConnectionUsable() {
        frontend.send("POST / HTTP/1.1\r\nHost: nope.apps.localhost\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "6\r\nhello \r\n4\r\nworl\r\n0\r\n\r\n" + "GET / HTTP/1.1\r\nHost: nope.apps.localhost\r\n\r\n");

        assertThat(frontend.output().split("HTTP/1.1 404 ", -1)).hasSize(3);
        assertThat(frontend.isOpen()).isTrue();
    }

    @Test
    void malformedChunkInADiscardedBodyEndsTheConnection() {
        frontend.send("POST / HTTP/1.1\r\nHost: nope.apps.localhost\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "zz\r\nhello\r\n0\r\n\r\n" + "GET /smuggled HTTP/1.1\r\nHost: nope.apps.localhost\r\n\r\n");

        assertThat(frontend.output().split("HTTP/1.1 404 ", -1)).as("only the first request answered").hasSize(2);
        assertThat(frontend.isOpen()).isFalse();
    }
}
