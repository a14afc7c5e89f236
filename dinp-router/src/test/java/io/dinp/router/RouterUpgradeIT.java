package io.dinp.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Protocol upgrades through the router as bytes on the wire, from a bare socket: what is and is
 * not switched, bytes sent right behind the request or the 101, and the idle timeouts of a pipe.
 */
class RouterUpgradeIT {
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final String WEBSOCKET_HEADERS = "Connection: keep-alive, Upgrade\r\nUpgrade: websocket\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n";

    private RouterFixture f;

    @AfterEach
    void tearDown() throws Exception {
        if (f != null) {
            f.close();
        }
    }

    private RouterFixture router(RouterConfig config) throws Exception {
        f = new RouterFixture(config);
        return f;
    }

    private Socket connect() throws IOException {
        Socket s = f.add(new Socket("127.0.0.1", f.port()));
        s.setSoTimeout((int) DEADLINE.toMillis()); // a read that hangs fails the test instead
        s.setTcpNoDelay(true);
        return s;
    }

    private static void write(Socket s, String text) throws IOException {
        s.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
        s.getOutputStream().flush();
    }

    private static String read(Socket s, int n) throws IOException {
        return new String(s.getInputStream().readNBytes(n), StandardCharsets.ISO_8859_1);
    }

    /** Reads a response with a Content-Length body: the head (lower-cased) and the body. */
    private static String[] response(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        String head = RawUpgradeBackend.readHead(in).toLowerCase(Locale.ROOT);
        int at = head.indexOf("content-length: ");
        int length = Integer.parseInt(head.substring(at + 16, head.indexOf("\r\n", at)).trim());
        return new String[] {head, new String(in.readNBytes(length), StandardCharsets.UTF_8)};
    }

    private static String request(String app, String path, String extraHeaders) {
        return "GET " + path + " HTTP/1.1\r\nHost: " + app + ".apps.localhost\r\n" + extraHeaders + "\r\n";
    }

    @Test
    void anyProtocolIsTunnelledWithTheBytesSentRightBehindTheRequestAndThe101() throws Exception {
        router(RouterConfig.defaults());
        RawUpgradeBackend app = f.add(new RawUpgradeBackend());
        f.route("raw", app.backend());
        Socket s = connect();

        // Sent with the request, so likely read with it: bytes an HTTP decoder would skip or take for a request line.
        String early = "\u0081early\r\n";
        write(s, request("raw", "/chat", "Connection: Upgrade\r\nUpgrade: chat\r\n") + early);

        String head = RawUpgradeBackend.readHead(s.getInputStream()).toLowerCase(Locale.ROOT);
        assertThat(head).startsWith("http/1.1 101 switching protocols\r\n").contains("upgrade: chat\r\n")
                .contains("connection: upgrade\r\n").doesNotContain("transfer-encoding", "content-length");
        assertThat(read(s, RawUpgradeBackend.GREETING.length() + early.length()))
                .isEqualTo(RawUpgradeBackend.GREETING + early);
        write(s, "more");
        assertThat(read(s, 4)).isEqualTo("more");
        assertThat(app.heads).singleElement().asString().containsIgnoringCase("connection: upgrade\r\n")
                .containsIgnoringCase("upgrade: chat\r\n").containsIgnoringCase("x-forwarded-for: 127.0.0.1");

        s.close();

        await().atMost(DEADLINE).until(() -> app.ended.get() == 1);
        await().atMost(DEADLINE).until(() -> f.router.openTunnels() == 0);
    }

    @Test
    void answerOtherThan101IsAnOrdinaryResponseAfterWhichTheConnectionCloses() throws Exception {
        router(RouterConfig.defaults());
        WebSocketBackend app = f.add(new WebSocketBackend("a"));
        f.route("chat", app.backend());
        Socket s = connect();

        write(s, request("chat", "/plain", WEBSOCKET_HEADERS)); // only /ws speaks WebSocket

        String[] response = response(s);
        assertThat(response[0]).startsWith("http/1.1 200 ok\r\n").contains("connection: close\r\n")
                .doesNotContain("upgrade");
        assertThat(response[1]).isEqualTo("plain a");
        assertThat(s.getInputStream().read()).as("end of stream").isEqualTo(-1);
        assertThat(app.upgrades).hasValue(0);
        assertThat(f.router.openTunnels()).isZero();
    }

    @Test
    void h2cUpgradeIsDroppedAndTheRequestServedAsPlainHttp() throws Exception {
        router(RouterConfig.defaults());
        f.route("chat", f.add(new WebSocketBackend("a")).backend());
        Socket s = connect();

        write(s, request("chat", "/headers",
                "Connection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\nHTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA\r\n"));

        String[] response = response(s);
        assertThat(response[0]).startsWith("http/1.1 200 ok\r\n").doesNotContain("connection: close");
        assertThat(response[1]).isEqualTo("upgrade=null connection=null http2-settings=null");
        write(s, request("chat", "/", ""));
        assertThat(response(s)[1]).as("the connection is still an HTTP/1.1 keep-alive one").isEqualTo("plain a");
    }

    @Test
    void backendSwitchingProtocolsUnaskedIsA502() throws Exception {
        router(RouterConfig.defaults());
        RawUpgradeBackend rogue = f.add(new RawUpgradeBackend());
        f.route("raw", rogue.backend());

        var response = f.get("raw");

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(response.body()).contains("switched to protocol chat, which the request did not ask for");
        assertThat(f.router.openTunnels()).isZero();
    }

    @Test
    void quietPipeIsClosedAfterTheUpgradedIdleTimeout() throws Exception {
        router(RouterConfig.defaults().withUpgradedIdleTimeout(Duration.ofMillis(300)));
        RawUpgradeBackend app = f.add(new RawUpgradeBackend());
        f.route("raw", app.backend());
        Socket s = connect();
        write(s, request("raw", "/chat", "Connection: Upgrade\r\nUpgrade: chat\r\n"));
        RawUpgradeBackend.readHead(s.getInputStream());
        assertThat(read(s, RawUpgradeBackend.GREETING.length())).isEqualTo(RawUpgradeBackend.GREETING);

        assertThat(s.getInputStream().read()).as("end of stream once idle").isEqualTo(-1);
        await().atMost(DEADLINE).until(() -> app.ended.get() == 1);
    }

    @Test
    void keepAliveAndResponseTimeoutsDoNotCutAQuietPipe() throws Exception {
        Duration short_ = Duration.ofMillis(200);
        RouterConfig d = RouterConfig.defaults();
        router(new RouterConfig(d.bindHost(), d.port(), d.appsDomain(), d.connectTimeout(), short_, short_, short_,
                short_, d.maxRequestLineLength(), d.maxHeaderSize(), d.maxRequestBodySize(),
                d.maxConnectionsPerBackend(), d.maxRetries(), d.ejectFor(), d.tlsPort(), d.defaultCertificate(), Duration.ZERO, 0,
                d.connectGrace()));
        RawUpgradeBackend app = f.add(new RawUpgradeBackend());
        f.route("raw", app.backend());
        f.route("web", f.add(new TestBackend("web")).backend());
        Socket pipe = connect();
        write(pipe, request("raw", "/chat", "Connection: Upgrade\r\nUpgrade: chat\r\n"));
        RawUpgradeBackend.readHead(pipe.getInputStream());
        assertThat(read(pipe, RawUpgradeBackend.GREETING.length())).isEqualTo(RawUpgradeBackend.GREETING);

        // A keep-alive connection opened after the pipe went quiet: once the router closes it as
        // idle, the pipe has been quiet for longer than every HTTP timeout.
        Socket keepAlive = connect();
        write(keepAlive, request("web", "/", ""));
        assertThat(response(keepAlive)[1]).isEqualTo("web");
        assertThat(keepAlive.getInputStream().read()).as("closed as idle").isEqualTo(-1);

        write(pipe, "still here");
        assertThat(read(pipe, 10)).isEqualTo("still here");
        assertThat(app.ended).hasValue(0);
    }
}
