package io.dinp.router;

import static io.dinp.router.WebSocketBackend.MEBIBYTE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dinp.model.Backend;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * WebSockets through the router over real sockets: the JDK's client on one side, Netty's
 * WebSocket server as the app on the other.
 */
class RouterWebSocketIT {
    private static final Duration DEADLINE = WsClient.DEADLINE;

    private final List<WsClient> sockets = new ArrayList<>();
    private RouterFixture f;

    @BeforeEach
    void startRouter() throws Exception {
        f = new RouterFixture(RouterConfig.defaults());
    }

    @AfterEach
    void tearDown() throws Exception {
        // The JDK's HttpClient.close() waits for its open WebSockets.
        sockets.forEach(ws -> ws.socket().abort());
        f.close();
    }

    private WebSocketBackend backend(String name) throws Exception {
        return f.add(new WebSocketBackend(name));
    }

    private WsClient connect(String app) throws Exception {
        WsClient ws = WsClient.connect(f.client, f.port(), app);
        sockets.add(ws);
        return ws;
    }

    private void awaitNoTunnel() {
        await().atMost(DEADLINE).until(() -> f.router.openTunnels() == 0);
    }

    @Test
    void textAndBinaryMessagesEchoThroughTheRouter() throws Exception {
        WebSocketBackend a = backend("a");
        f.route("chat", a.backend());

        WsClient ws = connect("chat");

        assertThat(ws.echo("hello")).isEqualTo("hello");
        assertThat(ws.echo("ünïcødé ✓")).isEqualTo("ünïcødé ✓");
        ws.send(new byte[] {0, 1, 2, (byte) 0xff});
        assertThat((byte[]) ws.next()).containsExactly(0, 1, 2, 0xff);
        assertThat(a.upgrades).hasValue(1);
        assertThat(f.router.openTunnels()).isEqualTo(1);
        assertThat(f.router.idleBackendConnections()).as("the upgraded connection is not pooled").isZero();
    }

    @Test
    void fiveMebibyteMessageEchoesWhole() throws Exception {
        f.route("chat", backend("a").backend());
        WsClient ws = connect("chat");
        byte[] big = WebSocketBackend.pattern(5 * MEBIBYTE);

        ws.send(big);

        byte[] echoed = (byte[]) ws.next();
        assertThat(echoed.length).isEqualTo(big.length);
        assertThat(Arrays.mismatch(echoed, big)).as("first differing byte").isEqualTo(-1);
        assertThat(ws.echo("after")).isEqualTo("after");
    }

    @Test
    void clientThatStopsReadingStillGetsAFloodWholeOnceItReadsAgain() throws Exception {
        f.route("chat", backend("a").backend());
        WsClient ws = connect("chat");
        byte[] mebibyte = WebSocketBackend.pattern(MEBIBYTE);

        ws.pause();
        ws.send("!flood 24"); // far more than the socket buffers on the way hold: the router has to stop reading
        ws.resume();

        for (int i = 0; i < 24; i++) {
            byte[] message = (byte[]) ws.next();
            assertThat(Arrays.mismatch(message, mebibyte)).as("message %d, first differing byte", i).isEqualTo(-1);
        }
        assertThat(ws.echo("after")).isEqualTo("after");
    }

    @Test
    void closeFromTheClientReachesTheAppAndEndsBothConnections() throws Exception {
        WebSocketBackend a = backend("a");
        f.route("chat", a.backend());
        WsClient ws = connect("chat");
        assertThat(ws.echo("hi")).isEqualTo("hi");

        ws.socket().sendClose(WebSocket.NORMAL_CLOSURE, "done").get(DEADLINE.toSeconds(), TimeUnit.SECONDS);

        assertThat(ws.closed.get(DEADLINE.toSeconds(), TimeUnit.SECONDS)).as("the app's close answer")
                .isEqualTo("1000 done");
        await().atMost(DEADLINE).until(() -> a.openConnections() == 0);
        awaitNoTunnel();
    }

    @Test
    void closeFromTheAppReachesTheClient() throws Exception {
        f.route("chat", backend("a").backend());
        WsClient ws = connect("chat");

        ws.send("!close");

        assertThat(ws.closed.get(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isEqualTo("1001 bye");
        awaitNoTunnel();
    }

    @Test
    void appDroppingTheConnectionDropsTheClients() throws Exception {
        f.route("chat", backend("a").backend());
        WsClient ws = connect("chat");

        ws.send("!drop");

        await().atMost(DEADLINE).until(ws.closed::isDone);
        awaitNoTunnel();
    }

    @Test
    void clientDroppingTheConnectionDropsTheApps() throws Exception {
        WebSocketBackend a = backend("a");
        f.route("chat", a.backend());
        WsClient ws = connect("chat");
        assertThat(ws.echo("hi")).isEqualTo("hi");

        ws.socket().abort();

        await().atMost(DEADLINE).until(() -> a.openConnections() == 0);
        awaitNoTunnel();
    }

    @Test
    void fiftySocketsAtOnceEachGetTheirOwnEchoes() throws Exception {
        WebSocketBackend a = backend("a");
        WebSocketBackend b = backend("b");
        f.route("chat", a.backend(), b.backend());
        for (int i = 0; i < 50; i++) {
            connect("chat");
        }

        List<Callable<Void>> talks = new ArrayList<>();
        for (int i = 0; i < sockets.size(); i++) {
            WsClient ws = sockets.get(i);
            String me = "socket " + i;
            talks.add(() -> {
                for (int m = 0; m < 20; m++) {
                    assertThat(ws.echo(me + " message " + m)).isEqualTo(me + " message " + m);
                }
                return null;
            });
        }
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Future<Void> talk : pool.invokeAll(talks)) {
                talk.get();
            }
        }

        assertThat(f.router.openTunnels()).isEqualTo(50);
        assertThat(a.upgrades.get() + b.upgrades.get()).isEqualTo(50);
        assertThat(a.upgrades.get()).as("round robin").isEqualTo(25);
    }

    @Test
    void routeTableWithoutTheBackendLeavesItsOpenSocketsOpen() throws Exception {
        WebSocketBackend a = backend("a");
        WebSocketBackend b = backend("b");
        f.route("chat", a.backend());
        assertThat(f.get("chat").body()).isEqualTo("plain a");
        await().atMost(DEADLINE).until(() -> f.router.idleBackendConnections() == 1);
        WsClient ws = connect("chat");
        assertThat(ws.echo("!name")).isEqualTo("a");

        f.route("chat", b.backend()); // a's instance is on its way out

        // Pool hygiene has run: the idle keep-alive connection to a is closed...
        await().atMost(DEADLINE).until(() -> f.router.idleBackendConnections() == 0);
        // ...but the WebSocket to a is a live conversation, not an idle connection.
        assertThat(ws.echo("still there?")).isEqualTo("still there?");
        assertThat(ws.echo("!name")).isEqualTo("a");
        assertThat(f.router.openTunnels()).isEqualTo(1);
        assertThat(a.openConnections()).isEqualTo(1);
    }

    @Test
    void newSocketAfterARouteChangeGoesToTheNewBackend() throws Exception {
        WebSocketBackend a = backend("a");
        WebSocketBackend b = backend("b");
        f.route("chat", a.backend());
        WsClient before = connect("chat");
        assertThat(before.echo("!name")).isEqualTo("a");

        f.route("chat", b.backend());
        WsClient after = connect("chat");

        assertThat(after.echo("!name")).isEqualTo("b");
        assertThat(before.echo("!name")).isEqualTo("a");
        assertThat(after.echo("hi")).isEqualTo("hi");
        assertThat(before.echo("hi")).isEqualTo("hi");
    }

    @Test
    void handshakeIsRetriedOnAnotherInstanceWhenTheFirstRefusesTheConnection() throws Exception {
        Backend refusing = new Backend("gone", "127.0.0.1", RouterFixture.refusingPort());
        f.route("chat", refusing, backend("a").backend()); // round robin: the refusing one first

        WsClient ws = connect("chat");

        assertThat(ws.echo("!name")).isEqualTo("a");
    }
}
