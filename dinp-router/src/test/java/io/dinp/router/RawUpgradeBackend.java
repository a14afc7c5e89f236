package io.dinp.router;

import io.dinp.model.Backend;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An app instance on a bare socket that switches every request, asked or not, to a made-up
 * protocol {@code chat}: it answers 101 with its first bytes ({@code hello:}) in the same write,
 * then echoes whatever it reads. It keeps the request heads it got.
 */
final class RawUpgradeBackend implements AutoCloseable {
    static final String GREETING = "hello:";

    final List<String> heads = new CopyOnWriteArrayList<>();
    /** Connections whose client side (the router) has closed. */
    final AtomicInteger ended = new AtomicInteger();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final ServerSocket server;

    RawUpgradeBackend() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(this::acceptLoop);
    }

    Backend backend() {
        return new Backend("raw", "127.0.0.1", server.getLocalPort());
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                open.add(s);
                Thread.ofVirtual().start(() -> serve(s));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket s) {
        try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
            heads.add(readHead(in));
            out.write(("HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: chat\r\n\r\n" + GREETING)
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            byte[] buf = new byte[8192];
            int n;
            while ((n = in.read(buf)) > 0) {
                out.write(buf, 0, n);
                out.flush();
            }
            ended.incrementAndGet();
        } catch (IOException e) {
            ended.incrementAndGet();
        } finally {
            open.remove(s);
        }
    }

    /** Reads an HTTP head up to and including its blank line, not a byte further. */
    static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int last4 = 0;
        while (last4 != 0x0d0a0d0a) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed inside an HTTP head: " + head);
            }
            head.write(b);
            last4 = (last4 << 8) | b;
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : open) {
            s.close();
        }
    }
}
