package io.dinp.router;

import io.dinp.model.Backend;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetSocketAddress;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gets a connection to one backend for an attempt: an idle pooled one if allowed and there is
 * one, else a new one, unless the backend already has {@link RouterConfig#maxConnectionsPerBackend()}
 * in use. It is where connects fail, so it also keeps the backends' ejections, and it follows the
 * route table so that no connection to a removed backend is kept. Connections live on the
 * caller's event loop.
 *
 * <p>Idle pooled connections do not count against the limit: each event loop has its own pool,
 * and a loop must not be refused a connection because others hold idle ones.
 */
final class BackendConnector {
    private static final Logger log = LoggerFactory.getLogger(BackendConnector.class);
    /**
     * Idle connections kept per backend and event loop: about the concurrency a busy app sees, so
     * that a load of 1,000 clients does not open a new backend connection for a third of its
     * requests (bench/router.sh measured that with 64). Extras close after the backend idle timeout.
     */
    private static final int MAX_IDLE_PER_BACKEND = 1024;

    /** Where a connection attempt ends. */
    interface Callback {
        /** @param pooled the connection was reused from the pool (and may turn out to be stale) */
        void connected(Channel channel, boolean pooled);

        void failed(Throwable cause);
    }

    /** No connection was handed out because the backend has as many in use as allowed; nothing was sent. */
    static final class BackendBusyException extends Exception {
        BackendBusyException(Backend backend, int inUse) {
            super(backend.hostPort() + " has " + inUse + " connections in use, the most allowed", null, false, false);
        }
    }

    private final Transport transport;
    private final RouterConfig config;
    private final BackendEjections ejections;
    private final RouterMetrics metrics;
    private final ConcurrentHashMap<EventLoop, BackendPool> pools = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, LongAdder> connects = new ConcurrentHashMap<>();
    // Connections opening or serving a request, per backend (host:port). Always looked up afresh, as
    // retainOnly drops unused entries.
    private final ConcurrentHashMap<String, AtomicInteger> inUse = new ConcurrentHashMap<>();
    private final LongAdder tunnels = new LongAdder();
    private volatile Set<String> routed; // host:port of every backend in the route table; null until known

    BackendConnector(Transport transport, RouterConfig config, BackendEjections ejections) {
        this(transport, config, ejections, new RouterMetrics());
    }

    BackendConnector(Transport transport, RouterConfig config, BackendEjections ejections, RouterMetrics metrics) {
        this.transport = transport;
        this.config = config;
        this.ejections = ejections;
        this.metrics = metrics;
    }

    RouterConfig config() {
        return config;
    }

    RouterMetrics metrics() {
        return metrics;
    }

    /**
     * @param allowPooled whether an idle pooled connection may be used; a retry after a stale
     *                    pooled connection asks for a new one
     */
    void acquire(EventLoop loop, Backend backend, boolean allowPooled, Callback callback) {
        BackendPool pool = pools.computeIfAbsent(loop,
                l -> new BackendPool(MAX_IDLE_PER_BACKEND, this::isRouted, b -> inUse(b).decrementAndGet()));
        int taken = inUse(backend).incrementAndGet();
        if (taken > config.maxConnectionsPerBackend()) {
            inUse(backend).decrementAndGet();
            callback.failed(new BackendBusyException(backend, taken - 1));
            return;
        }
        if (allowPooled) {
            Channel idle = pool.poll(backend);
            if (idle != null) {
                callback.connected(idle, true);
                return;
            }
        }
        connects.computeIfAbsent(backend.hostPort(), k -> new LongAdder()).increment();
        ResponseByteWatch responseBytes = new ResponseByteWatch();
        ChannelFuture connect = new Bootstrap()
                .group(loop)
                .channel(transport.clientChannel())
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) config.connectTimeout().toMillis())
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(
                                new IdleStateHandler(config.responseTimeout().toMillis(), 0,
                                        config.backendIdleTimeout().toMillis(), TimeUnit.MILLISECONDS),
                                responseBytes,
                                new HttpClientCodec(new HttpDecoderConfig().setMaxHeaderSize(config.maxHeaderSize()),
                                        false, false),
                                new BackendHandler(backend, pool, responseBytes));
                    }
                })
                .connect(new InetSocketAddress(backend.host(), backend.port()));
        connect.addListener(f -> {
            if (f.isSuccess()) {
                Channel ch = connect.channel();
                ch.closeFuture().addListener(c -> {
                    if (!BackendPool.isIdle(ch)) {
                        inUse(backend).decrementAndGet();
                    }
                });
                ejections.clear(backend);
                callback.connected(connect.channel(), false);
            } else {
                inUse(backend).decrementAndGet();
                ejections.eject(backend, "connect failed: " + f.cause());
                metrics.ejected();
                callback.failed(f.cause());
            }
        });
    }

    /**
     * Hands a backend connection whose backend switched protocols (101) over to a tunnel with the
     * client. It is no longer this connector's: it is never pooled again, and route changes, which
     * only close pooled idle connections, leave it open for as long as either end wants it.
     */
    void tunnel(Channel client, Channel backend) {
        Tunnel.open(client, backend, config.upgradedIdleTimeout());
        tunnels.increment();
        backend.closeFuture().addListener(f -> tunnels.decrement());
    }

    /** Backend connections in a tunnel right now (for tests and metrics). */
    int openTunnels() {
        return tunnels.intValue();
    }

    boolean isEjected(Backend backend) {
        return ejections.isEjected(backend);
    }

    /** A new connection to the backend closed before it answered: treat it like a failed connect. */
    void eject(Backend backend, String why) {
        ejections.eject(backend, why);
        metrics.ejected();
    }

    /**
     * Follows a new route table: forgets the ejections of backends no longer in it and closes
     * the idle connections to them, so none is reused once their instance is stopped.
     */
    void retainOnly(Set<String> hostPorts) {
        routed = Set.copyOf(hostPorts);
        ejections.retainOnly(hostPorts);
        connects.keySet().retainAll(hostPorts);
        inUse.entrySet().removeIf(e -> !hostPorts.contains(e.getKey()) && e.getValue().get() == 0);
        pools.forEach((loop, pool) -> {
            try {
                loop.execute(() -> {
                    int closed = pool.closeUnwanted();
                    if (closed > 0) {
                        log.debug("closed {} idle connections to backends removed from the route table", closed);
                    }
                });
            } catch (RejectedExecutionException e) {
                log.debug("event loop shut down; its idle connections are closed with it");
            }
        });
    }

    private boolean isRouted(String hostPort) {
        Set<String> r = routed;
        return r == null || r.contains(hostPort);
    }

    /** Idle pooled connections across all event loops (for tests and metrics). */
    int idleConnections() {
        return pools.values().stream().mapToInt(BackendPool::idleCount).sum();
    }

    private AtomicInteger inUse(Backend backend) {
        return inUse.computeIfAbsent(backend.hostPort(), k -> new AtomicInteger());
    }

    /** Connections opening or serving a request to a backend (host:port) right now (for tests and metrics). */
    int connectionsInUse(String hostPort) {
        AtomicInteger n = inUse.get(hostPort);
        return n == null ? 0 : n.get();
    }

    /** New connections attempted to a backend (host:port) while it is routed to (for tests and metrics). */
    long connectAttempts(String hostPort) {
        LongAdder n = connects.get(hostPort);
        return n == null ? 0 : n.sum();
    }
}
