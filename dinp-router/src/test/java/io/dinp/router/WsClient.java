package io.dinp.router;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A JDK WebSocket through the router to an app, collecting whole messages ({@code String} or
 * {@code byte[]}) and how the socket ended. Reading can be paused to play a slow client.
 */
final class WsClient implements WebSocket.Listener {
    static final Duration DEADLINE = Duration.ofSeconds(30);

    final CompletableFuture<String> closed = new CompletableFuture<>(); // "code reason", or failed by onError
    private final BlockingQueue<Object> messages = new LinkedBlockingQueue<>();
    private final StringBuilder text = new StringBuilder();
    private final ByteArrayOutputStream binary = new ByteArrayOutputStream();
    private volatile boolean paused;
    private WebSocket socket;

    static WsClient connect(HttpClient http, int routerPort, String app) throws Exception {
        WsClient client = new WsClient();
        client.socket = http.newWebSocketBuilder().header("Host", app + ".apps.localhost").connectTimeout(DEADLINE)
                .buildAsync(URI.create("ws://127.0.0.1:" + routerPort + "/ws"), client)
                .get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
        return client;
    }

    WebSocket socket() {
        return socket;
    }

    void send(String message) throws Exception {
        socket.sendText(message, true).get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
    }

    void send(byte[] message) throws Exception {
        socket.sendBinary(ByteBuffer.wrap(message), true).get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
    }

    /** The next whole message; fails when none comes before the deadline. */
    Object next() throws InterruptedException {
        Object message = messages.poll(DEADLINE.toSeconds(), TimeUnit.SECONDS);
        if (message == null) {
            throw new AssertionError("no message within " + DEADLINE);
        }
        return message;
    }

    String echo(String message) throws Exception {
        send(message);
        return (String) next();
    }

    /** Stops taking messages: the JDK client then stops reading the socket. */
    void pause() {
        paused = true;
    }

    void resume() {
        paused = false;
        socket.request(1);
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        text.append(data);
        if (last) {
            messages.add(text.toString());
            text.setLength(0);
        }
        more(webSocket);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        binary.writeBytes(bytes);
        if (last) {
            messages.add(binary.toByteArray());
            binary.reset();
        }
        more(webSocket);
        return null;
    }

    private void more(WebSocket webSocket) {
        if (!paused) {
            webSocket.request(1);
        }
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(statusCode + " " + reason);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.completeExceptionally(error);
    }
}
