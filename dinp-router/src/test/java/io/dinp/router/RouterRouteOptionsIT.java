package io.dinp.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.dinp.model.Backend;
import io.dinp.model.RouteOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Per-app route options over real sockets: sticky sessions, body limits, the HTTPS redirect. */
class RouterRouteOptionsIT {
    private static final RouteOptions STICKY = new RouteOptions(true, 0, false);
    private static final RouteOptions LIMIT_4K = new RouteOptions(false, 4096, false);
    private static final RouteOptions REDIRECT = new RouteOptions(false, 0, true);
    private static final String HEAD_TO_ECHO = "POST /echo HTTP/1.1\r\nHost: web.apps.localhost\r\n";

    private RouterFixture fixture;

    @AfterEach
    void tearDown() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
    }

    private RouterFixture router(RouterConfig config) throws InterruptedException {
        fixture = new RouterFixture(config);
        return fixture;
    }

    private HttpResponse<String> getWithCookie(String cookie) throws Exception {
        return fixture.client.send(fixture.request("web", "/").header("Cookie", "theme=dark; " + cookie).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Writes the bytes on a new connection and reads until the router closes (or resets) it. */
    private String raw(String bytes) throws IOException {
        try (Socket s = new Socket("127.0.0.1", fixture.port())) {
            s.setSoTimeout(30_000);
            try {
                s.getOutputStream().write(bytes.getBytes(StandardCharsets.ISO_8859_1));
                s.getOutputStream().flush();
            } catch (SocketException e) {
                // refused and closed before taking it all: the answer is still to be read
            }
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            try {
                for (int n; (n = s.getInputStream().read(buf)) >= 0; ) {
                    got.write(buf, 0, n);
                }
            } catch (SocketException e) {
                // reset after the answer: the router closed with bytes of ours unread
            }
            return got.toString(StandardCharsets.ISO_8859_1);
        }
    }

    private static String chunks(int count, int size) {
        return (Integer.toHexString(size) + "\r\n" + "x".repeat(size) + "\r\n").repeat(count);
    }

    @Test
    void aStickyCookiePinsAClientToItsInstanceUntilTheInstanceLeaves() throws Exception {
        RouterFixture f = router(RouterConfig.defaults());
        TestBackend w1 = f.add(new TestBackend("w1"));
        TestBackend w2 = f.add(new TestBackend("w2"));
        f.route("web", STICKY, w1.backend(), w2.backend());

        HttpResponse<String> first = f.get("web");
        String setCookie = first.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie).matches("dinp_sticky=[A-Za-z0-9_-]{16}; Path=/; HttpOnly; SameSite=Lax");
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));
        String pinned = first.body();
        for (int i = 0; i < 10; i++) {
            HttpResponse<String> r = getWithCookie(cookie);
            assertThat(r.body()).isEqualTo(pinned);
            assertThat(r.headers().firstValue("Set-Cookie")).as("already pinned there").isEmpty();
        }
        Set<String> withoutCookie = new HashSet<>();
        for (int i = 0; i < 4; i++) {
            withoutCookie.add(f.get("web").body());
        }
        assertThat(withoutCookie).as("clients without the cookie are spread").containsExactlyInAnyOrder("w1", "w2");

        TestBackend stays = pinned.equals("w1") ? w2 : w1;
        f.route("web", STICKY, stays.backend());
        HttpResponse<String> moved = getWithCookie(cookie);
        assertThat(moved.body()).isEqualTo(stays.name);
        String newCookie = moved.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(newCookie).startsWith("dinp_sticky=").doesNotStartWith(cookie + ";");

        f.route("web", STICKY, w1.backend(), w2.backend());
        String movedCookie = newCookie.substring(0, newCookie.indexOf(';'));
        for (int i = 0; i < 4; i++) {
            assertThat(getWithCookie(movedCookie).body()).as("stays where it was moved").isEqualTo(stays.name);
        }
    }

    @Test
    void aPinnedInstanceThatRefusesConnectionsIsRetriedOnAnotherAndTheCookieFollows() throws Exception {
        RouterFixture f = router(RouterConfig.defaults());
        TestBackend w1 = f.add(new TestBackend("w1"));
        Backend dead = new Backend("dead", "127.0.0.1", RouterFixture.refusingPort());
        f.route("web", STICKY, dead, w1.backend());

        HttpResponse<String> r = getWithCookie("dinp_sticky=" + StickySessions.idOf("web", dead));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("w1");
        assertThat(r.headers().firstValue("Set-Cookie")).get().asString()
                .startsWith("dinp_sticky=" + StickySessions.idOf("web", w1.backend()) + ";");
    }

    @Test
    void appsWithoutStickySessionsSetNoCookie() throws Exception {
        RouterFixture f = router(RouterConfig.defaults());
        f.route("web", f.add(new TestBackend("w1")).backend());

        assertThat(f.get("web").headers().firstValue("Set-Cookie")).isEmpty();
    }

    @Test
    void aContentLengthOverTheAppsLimitIs413BeforeTheAppSeesAnything() throws Exception {
        RouterFixture f = router(RouterConfig.defaults());
        TestBackend w1 = f.add(new TestBackend("w1"));
        f.route("web", LIMIT_4K, w1.backend());

        String refused = raw(HEAD_TO_ECHO + "Content-Length: 4097\r\n\r\n" + "x".repeat(4097));

        assertThat(refused).startsWith("HTTP/1.1 413 ").contains("limit of 4096 bytes");
        assertThat(w1.requests).isEmpty();
        HttpResponse<String> within = f.client.send(f.request("web", "/echo-sized")
                .POST(HttpRequest.BodyPublishers.ofString("y".repeat(4096))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(within.statusCode()).isEqualTo(200);
        assertThat(within.body()).isEqualTo("y".repeat(4096));
    }

    @Test
    void aChunkedBodyIsCountedAsItStreamsAndRefusedOnceItOutgrowsTheAppsLimit() throws Exception {
        RouterFixture f = router(RouterConfig.defaults());
        f.route("web", LIMIT_4K, f.add(new TestBackend("w1")).backend());

        String over = raw(HEAD_TO_ECHO + "Transfer-Encoding: chunked\r\n\r\n" + chunks(5, 1000) + "0\r\n\r\n");
        String within = raw(HEAD_TO_ECHO + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n" + chunks(4, 1024)
                + "0\r\n\r\n");

        assertThat(over).startsWith("HTTP/1.1 413 ");
        assertThat(within).startsWith("HTTP/1.1 200 ");
        assertThat(within.chars().filter(c -> c == 'x').count()).as("the whole body echoed").isEqualTo(4096);
    }

    @Test
    void aResponseAlreadyUnderWayIsCutOffWhenTheChunkedBodyOutgrowsTheLimit() throws Exception {
        RouterFixture f = router(RouterConfig.defaults());
        try (EagerBackend app = new EagerBackend()) {
            f.route("web", LIMIT_4K, app.backend());
            try (Socket s = new Socket("127.0.0.1", f.port())) {
                s.setSoTimeout(30_000);
                OutputStream out = s.getOutputStream();
                out.write((HEAD_TO_ECHO + "Transfer-Encoding: chunked\r\n\r\n" + chunks(1, 1000))
                        .getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                InputStream in = s.getInputStream();
                ByteArrayOutputStream got = new ByteArrayOutputStream();
                while (!got.toString(StandardCharsets.ISO_8859_1).contains("hello\r\n")) {
                    int b = in.read();
                    assertThat(b).as("the response begins before the body is over").isNotNegative();
                    got.write(b);
                }
                try {
                    out.write(chunks(4, 1000).getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                } catch (IOException e) {
                    // the router may already have closed: what matters is what was read
                }
                in.transferTo(got);
                assertThat(got.toString(StandardCharsets.ISO_8859_1)).startsWith("HTTP/1.1 200 ")
                        .as("cut off: no last chunk").doesNotContain("0\r\n\r\n");
            }
            assertThat(app.closed.await(30, TimeUnit.SECONDS)).as("the app's connection is closed too").isTrue();
        }
    }

    @Test
    void plainHttpIsRedirectedToTheTlsListenerWithTheSameMethodTargetAndBody() throws Exception {
        RouterFixture f = router(RouterConfig.defaults().withTls(0, null));
        TestBackend w1 = f.add(new TestBackend("w1"));
        f.route("web", REDIRECT, w1.backend());
        f.route("api", w1.backend());
        String location = "https://web.apps.localhost:" + f.router.tlsPort() + "/cart?item=7";

        HttpResponse<String> get = f.client.send(f.request("web", "/cart?item=7").build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> post = f.client.send(f.request("web", "/cart?item=7")
                .POST(HttpRequest.BodyPublishers.ofString("n=2")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(get.statusCode()).isEqualTo(308);
        assertThat(get.headers().firstValue("Location")).contains(location);
        assertThat(post.statusCode()).isEqualTo(308);
        assertThat(post.headers().firstValue("Location")).contains(location);
        assertThat(w1.requests).isEmpty();
        assertThat(f.get("api").statusCode()).as("other apps are not redirected").isEqualTo(200);
    }

    @Test
    void withoutATlsListenerARedirectingAppIsServedOverPlainHttp() throws Exception {
        RouterFixture f = router(RouterConfig.defaults());
        f.route("web", REDIRECT, f.add(new TestBackend("w1")).backend());

        HttpResponse<String> r = f.get("web");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("w1");
    }

    @Test
    void theAppIsToldWhichRouterPortTheClientConnectedTo() throws Exception {
        RouterFixture f = router(RouterConfig.defaults());
        f.route("web", f.add(new TestBackend("w1")).backend());

        HttpResponse<String> r = f.client.send(f.request("web", "/forwarded-port").header("X-Forwarded-Port", "1")
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(r.body()).isEqualTo("port=" + f.port());
    }

    /**
     * An app that starts its response as soon as it has the request head, then reads the body
     * on, and notes when the router closes the connection.
     */
    private static final class EagerBackend implements AutoCloseable {
        final CountDownLatch closed = new CountDownLatch(1);
        private final ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());

        EagerBackend() throws IOException {
            Thread.ofVirtual().start(this::serveOne);
        }

        Backend backend() {
            return new Backend("eager", "127.0.0.1", server.getLocalPort());
        }

        private void serveOne() {
            try (Socket s = server.accept()) {
                InputStream in = s.getInputStream();
                ByteArrayOutputStream head = new ByteArrayOutputStream();
                while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                    int b = in.read();
                    if (b < 0) {
                        return;
                    }
                    head.write(b);
                }
                s.getOutputStream().write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n"
                        .getBytes(StandardCharsets.ISO_8859_1));
                s.getOutputStream().flush();
                in.transferTo(OutputStream.nullOutputStream());
                closed.countDown();
            } catch (IOException e) {
                closed.countDown(); // reset by the router: closed as well
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
