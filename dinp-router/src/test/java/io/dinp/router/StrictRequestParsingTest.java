package io.dinp.router;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Requests the router must refuse, as raw bytes through the client pipeline: each gets its
 * status with {@code Connection: close}, its connection is closed, and no backend is tried.
 */
class StrictRequestParsingTest {
    private static final String HOST = "Host: web.apps.localhost\r\n";
    private static final String CHUNKED_BODY = "\r\n5\r\nhello\r\n0\r\n\r\n";

    private final RawFrontend frontend = new RawFrontend(RouterConfig.defaults());

    @AfterEach
    void tearDown() {
        frontend.close();
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                // Framing: where request smuggling lives.
                refused("Content-Length with Transfer-Encoding (CL.TE)", 400,
                        "POST / HTTP/1.1\r\n" + HOST + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n" + CHUNKED_BODY),
                refused("Transfer-Encoding with Content-Length (TE.CL)", 400,
                        "POST / HTTP/1.1\r\n" + HOST + "Transfer-Encoding: chunked\r\nContent-Length: 3\r\n" + CHUNKED_BODY),
                refused("two differing Content-Lengths", 400,
                        "POST / HTTP/1.1\r\n" + HOST + "Content-Length: 5\r\nContent-Length: 6\r\n\r\nhello!"),
                refused("two equal Content-Lengths", 400,
                        "POST / HTTP/1.1\r\n" + HOST + "Content-Length: 5\r\nContent-Length: 5\r\n\r\nhello"),
                refused("a Content-Length list", 400,
                        "POST / HTTP/1.1\r\n" + HOST + "Content-Length: 5, 5\r\n\r\nhello"),
                refused("a signed Content-Length", 400, "POST / HTTP/1.1\r\n" + HOST + "Content-Length: +5\r\n\r\nhello"),
                refused("a negative Content-Length", 400, "POST / HTTP/1.1\r\n" + HOST + "Content-Length: -1\r\n\r\n"),
                refused("a hex Content-Length", 400, "POST / HTTP/1.1\r\n" + HOST + "Content-Length: 0x5\r\n\r\nhello"),
                refused("chunked not the final coding", 400,
                        "POST / HTTP/1.1\r\n" + HOST + "Transfer-Encoding: chunked, identity\r\n" + CHUNKED_BODY),
                refused("a coding before chunked", 400,
                        "POST / HTTP/1.1\r\n" + HOST + "Transfer-Encoding: identity, chunked\r\n" + CHUNKED_BODY),
                refused("an unknown coding", 400, "POST / HTTP/1.1\r\n" + HOST + "Transfer-Encoding: xchunked\r\n" + CHUNKED_BODY),
                refused("two Transfer-Encoding headers", 400, "POST / HTTP/1.1\r\n" + HOST
                        + "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n" + CHUNKED_BODY),
                refused("a space before the colon", 400,
                        "POST / HTTP/1.1\r\n" + HOST + "Transfer-Encoding : chunked\r\n" + CHUNKED_BODY),
                refused("Transfer-Encoding folded onto the next line", 400,
                        "POST / HTTP/1.1\r\n" + HOST + "Transfer-Encoding:\r\n chunked\r\n" + CHUNKED_BODY),
                refused("a vertical tab before chunked", 400,
                        "POST / HTTP/1.1\r\n" + HOST + "Transfer-Encoding:\u000bchunked\r\n" + CHUNKED_BODY),
                refused("Transfer-Encoding in HTTP/1.0", 400,
                        "POST / HTTP/1.0\r\n" + HOST + "Transfer-Encoding: chunked\r\n" + CHUNKED_BODY),
                refused("a header line starting with a space", 400, "GET / HTTP/1.1\r\n X: y\r\n" + HOST + "\r\n"),
                refused("lines ending in a bare LF", 400, "GET / HTTP/1.1\n" + "Host: web.apps.localhost\n\n"),
                // Header names and values.
                refused("a header name with a bracket", 400, "GET / HTTP/1.1\r\n" + HOST + "X(y): 1\r\n\r\n"),
                refused("a header name with a space", 400, "GET / HTTP/1.1\r\n" + HOST + "X y: 1\r\n\r\n"),
                refused("NUL in a header value", 400, "GET / HTTP/1.1\r\n" + HOST + "X: a\u0000b\r\n\r\n"),
                refused("a bare CR in a header value", 400, "GET / HTTP/1.1\r\n" + HOST + "X: a\rb\r\n\r\n"),
                refused("a bare LF in a header value", 400, "GET / HTTP/1.1\r\n" + HOST + "X: a\nInjected: 1\r\n\r\n"),
                refused("DEL in a header value", 400, "GET / HTTP/1.1\r\n" + HOST + "X: a\u007fb\r\n\r\n"),
                // Host.
                refused("HTTP/1.1 without Host", 400, "GET / HTTP/1.1\r\n\r\n"),
                refused("two Host headers", 400, "GET / HTTP/1.1\r\n" + HOST + "Host: other.apps.localhost\r\n\r\n"),
                refused("two identical Host headers", 400, "GET / HTTP/1.1\r\n" + HOST + HOST + "\r\n"),
                refused("a Host with a space", 400, "GET / HTTP/1.1\r\nHost: web apps.localhost\r\n\r\n"),
                refused("a Host with user information", 400, "GET / HTTP/1.1\r\nHost: u@web.apps.localhost\r\n\r\n"),
                refused("a Host with two ports", 400, "GET / HTTP/1.1\r\nHost: web.apps.localhost:1:2\r\n\r\n"),
                refused("an empty Host", 400, "GET / HTTP/1.1\r\nHost: \r\n\r\n"),
                refused("an absolute URL naming another host", 400,
                        "GET http://other.apps.localhost/ HTTP/1.1\r\n" + HOST + "\r\n"),
                refused("an absolute URL with user information", 400,
                        "GET http://u@web.apps.localhost/ HTTP/1.1\r\n" + HOST + "\r\n"),
                // Request line.
                refused("a target that is not a path", 400, "GET index.html HTTP/1.1\r\n" + HOST + "\r\n"),
                refused("an ftp URL", 400, "GET ftp://web.apps.localhost/ HTTP/1.1\r\n" + HOST + "\r\n"),
                refused("* for GET", 400, "GET * HTTP/1.1\r\n" + HOST + "\r\n"),
                refused("CONNECT", 400, "CONNECT web.apps.localhost:443 HTTP/1.1\r\n" + HOST + "\r\n"),
                refused("a control character in the target", 400, "GET /a\u0001b HTTP/1.1\r\n" + HOST + "\r\n"),
                refused("a non-ASCII target", 400, "GET /caf\u00e9 HTTP/1.1\r\n" + HOST + "\r\n"),
                refused("a fragment in the target", 400, "GET /a#b HTTP/1.1\r\n" + HOST + "\r\n"),
                refused("a space in the target", 400, "GET /a b HTTP/1.1\r\n" + HOST + "\r\n"),
                refused("a bad method token", 400, "G(T / HTTP/1.1\r\n" + HOST + "\r\n"),
                refused("a one-word request line", 400, "HELLO\r\n" + HOST + "\r\n"),
                refused("HTTP/0.9 style", 400, "GET /\r\n\r\n"),
                refused("another protocol", 400, "GET / FOO/1.1\r\n" + HOST + "\r\n"),
                refused("binary garbage", 400, "\u0016\u0003\u0001\u0002\u0000\u0001\u0000\u01fc\u0003\u0003 x\r\n\r\n"),
                refused("HTTP/2.0", 505, "GET / HTTP/2.0\r\n" + HOST + "\r\n"),
                refused("HTTP/1.2", 505, "GET / HTTP/1.2\r\n" + HOST + "\r\n"),
                refused("HTTP/0.9 with a version", 505, "GET / HTTP/0.9\r\n" + HOST + "\r\n"),
                // Limits (defaults: 8 KiB line, 32 KiB headers, 1 GiB body).
                refused("a request line over 8 KiB", 414, "GET /" + "a".repeat(8200) + " HTTP/1.1\r\n" + HOST + "\r\n"),
                refused("headers over 32 KiB", 431,
                        "GET / HTTP/1.1\r\n" + HOST + ("X-Filler: " + "a".repeat(1000) + "\r\n").repeat(33) + "\r\n"),
                refused("a Content-Length over 1 GiB", 413,
                        "POST / HTTP/1.1\r\n" + HOST + "Content-Length: 1073741825\r\n\r\nhello"));
    }

    private static Arguments refused(String what, int status, String request) {
        return Arguments.of(what, status, request);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("refused")
    void refusedWithItsStatusAndClosedBeforeAnyBackendIsTried(String what, int status, String request) {
        frontend.send(request + "GET /next HTTP/1.1\r\n" + HOST + "\r\n");

        assertThat(frontend.status()).as(frontend.output()).isEqualTo(status);
        assertThat(frontend.header("Connection")).isEqualTo("close");
        assertThat(frontend.isOpen()).isFalse();
        assertThat(frontend.backendAttempts()).isZero();
        assertThat(frontend.output()).as("one response, nothing for the request after it")
                .containsOnlyOnce("<!DOCTYPE html>");
    }

    @Test
    void wellFormedRequestDoesReachForABackend() {
        frontend.send("GET / HTTP/1.1\r\n" + HOST + "\r\n");

        assertThat(frontend.backendAttempts()).isEqualTo(1);
    }

    @Test
    void chunkedBodyAndOwsAroundValuesAreAccepted() {
        frontend.send("POST / HTTP/1.1\r\nHost:\tweb.apps.localhost \r\nTransfer-Encoding:  Chunked \r\n" + CHUNKED_BODY);

        assertThat(frontend.backendAttempts()).isEqualTo(1);
    }

    @Test
    void absoluteUrlNamingTheHostIsAccepted() {
        frontend.send("GET HTTP://Web.Apps.Localhost:8080/a?b HTTP/1.1\r\nHost: web.apps.localhost:8080\r\n\r\n");

        assertThat(frontend.backendAttempts()).isEqualTo(1);
    }

    @Test
    void http10WithoutHostIsRefusedAsUnroutableButHealthzStillAnswers() {
        frontend.send("GET /healthz HTTP/1.0\r\n\r\n");
        assertThat(frontend.status()).isEqualTo(200);
        frontend.close();

        RawFrontend other = new RawFrontend(RouterConfig.defaults());
        other.send("GET / HTTP/1.0\r\n\r\n");
        assertThat(other.status()).isEqualTo(400);
        assertThat(other.isOpen()).isFalse();
        other.close();
    }
}
