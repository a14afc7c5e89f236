package io.dinp.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A plain TCP relay that keeps every byte it passes, both ways: what a packet capture
 * between a DINP client and a data store would see. Tests point the client at {@link #port()} and
 * then ask whether a secret ever crossed the wire in the clear.
 */
public final class CapturingProxy implements AutoCloseable {
    private final InetSocketAddress target;
    private final ServerSocket server;
    /** One buffer per direction of each connection, so a search never spans bytes that were not adjacent on a wire. */
    private final List<ByteArrayOutputStream> streams = new CopyOnWriteArrayList<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    /** A relay on loopback to {@code host:port}. */
    public CapturingProxy(String host, int port) {
        this(InetAddress.getLoopbackAddress(), host, port);
    }

    /** A relay listening on {@code bind} (e.g. where the Docker Engine treats a registry as secure) to {@code host:port}. */
    public CapturingProxy(InetAddress bind, String host, int port) {
        this.target = new InetSocketAddress(host, port);
        try {
            this.server = new ServerSocket(0, 50, bind);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread.ofVirtual().name("capturing-proxy-accept").start(this::accept);
    }

    public int port() {
        return server.getLocalPort();
    }

    /** How many bytes were relayed so far, both directions of every connection. */
    public long bytes() {
        long n = 0;
        for (ByteArrayOutputStream s : streams) {
            synchronized (s) {
                n += s.size();
            }
        }
        return n;
    }

    /** Whether {@code text} (UTF-8) crossed the relay in the clear, in either direction of any connection. */
    public boolean saw(String text) {
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        for (ByteArrayOutputStream s : streams) {
            byte[] all;
            synchronized (s) {
                all = s.toByteArray();
            }
            if (contains(all, needle)) {
                return true;
            }
        }
        return false;
    }

    private static boolean contains(byte[] all, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= all.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (all[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket();
                sockets.add(client);
                sockets.add(upstream);
                try {
                    upstream.connect(target, 5000);
                } catch (IOException e) {
                    client.close();
                    continue;
                }
                Thread.ofVirtual().start(() -> pump(client, upstream));
                Thread.ofVirtual().start(() -> pump(upstream, client));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void pump(Socket from, Socket to) {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        streams.add(wire);
        byte[] buf = new byte[8192];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                synchronized (wire) {
                    wire.write(buf, 0, n);
                }
                out.write(buf, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // one side went away; closing both ends tells the other
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // already gone
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : sockets) {
            closeQuietly(s);
        }
    }
}
