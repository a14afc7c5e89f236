package io.dinp.router;

import io.dinp.model.Backend;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An app instance on a bare socket, for the failures a real server will not produce on demand:
 * closing keep-alive connections behind the router's back, taking a request and resetting the
 * connection without an answer, or dying with every connection reset at once. It answers its
 * name and counts, by method, the requests it read.
 */
final class RawBackend implements AutoCloseable {
    /** What the instance does with a connection. */
    enum Behaviour {
        /** Answers every request and keeps the connection open. */
        KEEP_ALIVE,
        /** Answers, then closes the connection though the response did not say so. */
        CLOSE_AFTER_RESPONSE,
        /** Answers, then waits only 0-3 ms for the next request before closing the connection. */
        SHORT_IDLE_TIMEOUT,
        /** Reads the request, then resets the connection without answering. */
        RESET_WITHOUT_RESPONSE,
        /** Answers the first request of a connection; reads the next one, then resets without answering. */
        RESET_ON_REUSE,
        /** Sends the response head, then resets the connection before the body: a kill mid-response. */
        CUT_AFTER_HEAD
    }

    final String name;
    final AtomicInteger accepted = new AtomicInteger();
    private final Behaviour behaviour;
    private final ConcurrentHashMap<String, AtomicInteger> received = new ConcurrentHashMap<>();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final ServerSocket server;
    private final Thread acceptor;
    private volatile boolean killed;

    RawBackend(String name, Behaviour behaviour) throws IOException {
        this(name, behaviour, 0);
    }

    RawBackend(String name, Behaviour behaviour, int port) throws IOException {
        this.name = name;
        this.behaviour = behaviour;
        server = new ServerSocket(port, 200, InetAddress.getLoopbackAddress());
        acceptor = Thread.ofVirtual().start(this::acceptLoop);
    }

    Backend backend() {
        return new Backend(name, "127.0.0.1", server.getLocalPort());
    }

    /** Requests of this method whose head (and body) were read, answered or not. */
    int received(String method) {
        AtomicInteger n = received.get(method);
        return n == null ? 0 : n.get();
    }

    /** Connections open right now, as this instance sees them. */
    int openConnections() {
        return open.size();
    }

    /**
     * Dies like a killed process: stops listening and resets every connection (SO_LINGER 0).
     * Requests read from then on are never answered; responses already written get 50 ms to
     * reach the router first, because an RST can make the kernel drop a response the router had
     * half read, and a cut response to a request that cannot be repeated (a POST) is lost whatever
     * a proxy does. So the kill lands between responses; {@link Behaviour#CUT_AFTER_HEAD} is the
     * cut inside one.
     */
    void kill() {
        killed = true;
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        open.forEach(RawBackend::reset);
    }

    @Override
    public void close() throws InterruptedException {
        kill();
        acceptor.join();
    }

    private void acceptLoop() {
        while (!killed) {
            try {
                Socket s = server.accept();
                accepted.incrementAndGet();
                open.add(s);
                if (killed) {
                    reset(s);
                } else {
                    Thread.ofVirtual().start(() -> serve(s));
                }
            } catch (IOException e) {
                // closed by kill()
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            InputStream in = new BufferedInputStream(s.getInputStream());
            OutputStream out = s.getOutputStream();
            for (int served = 0; ; served++) {
                if (behaviour == Behaviour.SHORT_IDLE_TIMEOUT && served > 0
                        && !awaitFirstByte(s, in, ThreadLocalRandom.current().nextInt(4))) {
                    return;
                }
                String head = readHead(in);
                if (head == null) {
                    return;
                }
                in.readNBytes(contentLength(head));
                received.computeIfAbsent(head.substring(0, head.indexOf(' ')), k -> new AtomicInteger())
                        .incrementAndGet();
                if (behaviour == Behaviour.RESET_WITHOUT_RESPONSE
                        || (behaviour == Behaviour.RESET_ON_REUSE && served > 0)) {
                    s.setSoLinger(true, 0);
                    return;
                }
                if (killed) {
                    s.setSoLinger(true, 0); // dying: reset, unanswered
                    return;
                }
                if (behaviour == Behaviour.CUT_AFTER_HEAD) {
                    out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " + name.length()
                            + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    Thread.sleep(20); // the head reaches the router on its own
                    s.setSoLinger(true, 0);
                    return;
                }
                // One write: a kill lands before or after a response, never inside one.
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " + name.length()
                        + "\r\n\r\n" + name).getBytes(StandardCharsets.US_ASCII));
                out.flush();
                if (behaviour == Behaviour.CLOSE_AFTER_RESPONSE) {
                    return;
                }
            }
        } catch (IOException e) {
            // the router closed the connection, or kill() reset it
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            open.remove(s);
        }
    }

    /** Waits up to {@code millis} (0: not at all) for the next request to start; false when it did not. */
    private static boolean awaitFirstByte(Socket s, InputStream in, int millis) throws IOException {
        if (in.available() > 0) {
            return true;
        }
        if (millis == 0) {
            return false;
        }
        s.setSoTimeout(millis);
        try {
            in.mark(1);
            if (in.read() < 0) {
                return false;
            }
            in.reset();
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } finally {
            s.setSoTimeout(0);
        }
    }

    private static void reset(Socket s) {
        try {
            s.setSoLinger(true, 0);
            s.close();
        } catch (IOException e) {
            // already gone
        }
    }

    /** The request head up to the blank line; null when the connection ended first. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            byte[] h = head.toByteArray();
            int n = h.length;
            if (n >= 4 && h[n - 4] == '\r' && h[n - 3] == '\n' && h[n - 2] == '\r' && h[n - 1] == '\n') {
                return head.toString(StandardCharsets.US_ASCII);
            }
        }
        return null;
    }

    private static int contentLength(String head) throws IOException {
        for (String line : head.split("\r\n")) {
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.startsWith("transfer-encoding:")) {
                throw new IOException("RawBackend reads only Content-Length bodies");
            }
            if (lower.startsWith("content-length:")) {
                return Integer.parseInt(line.substring(line.indexOf(':') + 1).trim());
            }
        }
        return 0;
    }
}
