package io.dinp.router;

import io.dinp.model.Backend;
import io.dinp.model.RouteOptions;
import io.dinp.model.RouteTable;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A client connection's whole pipeline ({@link FrontendInitializer}) without sockets: raw bytes
 * in, raw bytes out, and a clock the test moves. The app {@code web} is routed to {@link #BACKEND},
 * where nothing listens; {@link #backendAttempts()} tells whether a request got as far as trying it.
 */
final class RawFrontend implements AutoCloseable {
    static final Backend BACKEND = new Backend("w1", "127.0.0.1", 9);

    final EmbeddedChannel channel;
    private final BackendConnector connector;
    private final StringBuilder received = new StringBuilder();

    RawFrontend(RouterConfig config) {
        this(config, RouteOptions.DEFAULTS, -1);
    }

    /**
     * @param webOptions the route options of the app {@code web}
     * @param tlsPort    the port of the router's TLS listener, negative for none
     */
    RawFrontend(RouterConfig config, RouteOptions webOptions, int tlsPort) {
        RouteTableHolder routes = new RouteTableHolder();
        routes.replace(new RouteTable(1, Map.of("web", List.of(BACKEND)), Map.of(), Map.of(), Map.of("web", webOptions)));
        connector = new BackendConnector(Transport.detect(), config,
                new BackendEjections(config.ejectFor(), System::nanoTime));
        channel = new EmbeddedChannel(false, false, new FrontendInitializer(new ProxyContext(config, routes, connector,
                () -> true, connector.metrics(), false, () -> tlsPort)));
        // As on the router's client connections: nothing is read unless asked for.
        channel.config().setAutoRead(false);
        try {
            channel.register();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        channel.freezeTime();
    }

    RawFrontend send(String bytes) {
        channel.writeInbound(Unpooled.copiedBuffer(bytes, StandardCharsets.ISO_8859_1));
        channel.runPendingTasks();
        return this;
    }

    RawFrontend advance(Duration d) {
        channel.advanceTimeBy(d.toNanos(), TimeUnit.NANOSECONDS);
        channel.runPendingTasks();
        channel.runScheduledPendingTasks();
        return this;
    }

    /** Everything the router wrote back so far, as text. */
    String output() {
        ByteBuf buf;
        while ((buf = channel.readOutbound()) != null) {
            received.append(buf.toString(StandardCharsets.ISO_8859_1));
            buf.release();
        }
        return received.toString();
    }

    /** The status code of the first response written; 0 when none was. */
    int status() {
        String out = output();
        return out.startsWith("HTTP/1.1 ") ? Integer.parseInt(out.substring(9, 12)) : 0;
    }

    /** A response header of the first response, lower-cased; null when absent. */
    String header(String name) {
        String head = output().split("\r\n\r\n", 2)[0];
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
                return line.substring(colon + 1).trim().toLowerCase(Locale.ROOT);
            }
        }
        return null;
    }

    boolean isOpen() {
        channel.runPendingTasks();
        return channel.isOpen();
    }

    long backendAttempts() {
        return connector.connectAttempts(BACKEND.hostPort());
    }

    @Override
    public void close() {
        channel.finishAndReleaseAll();
    }
}
