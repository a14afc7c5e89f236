package io.dinp.router;

import io.dinp.model.Backend;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An app instance in the style of busybox httpd: answers HTTP/1.0 with no Content-Length and
 * closes the connection after every response, so the body ends where the connection does.
 */
final class Http10Backend implements AutoCloseable {
    final AtomicInteger connections = new AtomicInteger();
    private final ServerSocket server;
    private final Thread thread;

    Http10Backend() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        thread = Thread.ofVirtual().start(this::serve);
    }

    Backend backend() {
        return new Backend("old", "127.0.0.1", server.getLocalPort());
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket s = server.accept()) {
                connections.incrementAndGet();
                readHead(s.getInputStream());
                s.getOutputStream().write(("HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nold-school")
                        .getBytes(StandardCharsets.US_ASCII));
            } catch (IOException e) {
                // closed by the test, or a client that left early: serve the next one
            }
        }
    }

    private static void readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            if (head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
                return;
            }
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        server.close();
        thread.join();
    }
}
