package io.dinp.router;

import io.dinp.model.Backend;
import io.dinp.model.RouteTable;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reverse proxy in front of every app: routes {@code <app>.<apps-domain>} and custom domains
 * to the app's instances over HTTP/1.1. Clients speak HTTP/1.x on the plain listener, and HTTP/1.1
 * or HTTP/2 on the TLS listener when there is one.
 */
public final class Router implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Router.class);

    private final RouterConfig config;
    private final Transport transport = Transport.detect();
    private final ProxyContext context;
    private final TlsContexts tlsContexts; // null without a TLS listener
    private final Consumer<RouteTable> routeListener;
    private EventLoopGroup acceptors;
    private EventLoopGroup workers;
    private Channel server;
    private Channel tlsServer;
    /** The TLS listener's port once bound, read by every connection (HTTPS redirects); -1 before or without. */
    private volatile int boundTlsPort = -1;

    /** A router whose route source is always reported as connected (in-process routes). */
    public Router(RouterConfig config, RouteTableHolder routes) {
        this(config, routes, () -> true);
    }

    /**
     * @param routeSourceConnected whether the route feed (e.g. Redis) is reachable, reported by {@code /healthz}
     */
    public Router(RouterConfig config, RouteTableHolder routes, BooleanSupplier routeSourceConnected) {
        this(config, routes, routeSourceConnected, new RouterMetrics(), false);
    }

    /**
     * @param metrics   where the router counts requests, per app (see {@link RouterMetrics})
     * @param accessLog whether to write one line per request to the {@code dinp.access} logger
     */
    public Router(RouterConfig config, RouteTableHolder routes, BooleanSupplier routeSourceConnected,
                  RouterMetrics metrics, boolean accessLog) {
        this.config = config;
        BackendConnector connector = new BackendConnector(transport, config,
                new BackendEjections(config.ejectFor(), System::nanoTime), metrics);
        this.context = new ProxyContext(config, routes, connector, routeSourceConnected, metrics, accessLog,
                () -> boundTlsPort);
        metrics.watch(routes, routeSourceConnected, this::openTunnels);
        this.tlsContexts = config.tls()
                ? new TlsContexts(routes::table, config.defaultCertificate(), ServerSslContexts::build) : null;
        this.routeListener = table -> {
            connector.retainOnly(hostPorts(table));
            if (tlsContexts != null) {
                tlsContexts.retainOnly(table);
            }
        };
    }

    private static Set<String> hostPorts(RouteTable table) {
        return table.apps().values().stream().flatMap(List::stream).map(Backend::hostPort)
                .collect(Collectors.toSet());
    }

    /**
     * Binds and starts serving; returns the port bound (useful with port 0).
     *
     * @throws IllegalArgumentException when the default certificate cannot be used
     */
    public synchronized int start() throws InterruptedException {
        if (server != null) {
            throw new IllegalStateException("router already started");
        }
        if (tlsContexts != null) {
            tlsContexts.checkDefault(); // fail now rather than at every handshake
        }
        context.routes().addListener(routeListener);
        acceptors = transport.newGroup(1, "dinp-router-accept");
        workers = transport.newGroup(config.effectiveIoThreads(), "dinp-router");
        try {
            server = bind(config.port(), new FrontendInitializer(context));
            if (tlsContexts != null) {
                tlsServer = bind(config.tlsPort(), new TlsFrontendInitializer(context, tlsContexts));
                boundTlsPort = ((InetSocketAddress) tlsServer.localAddress()).getPort();
            }
        } catch (InterruptedException | RuntimeException e) {
            close();
            throw e;
        }
        int port = port();
        log.info("router listening on {}:{} ({}){}, apps at *.{}", config.bindHost(), port, transport.name(),
                tlsServer == null ? "" : ", TLS on :" + tlsPort() + (config.defaultCertificate() == null
                        ? " for custom domains only (no default certificate)" : ""),
                config.appsDomain());
        return port;
    }

    private Channel bind(int port, ChannelHandler initializer) throws InterruptedException {
        return new ServerBootstrap()
                .group(acceptors, workers)
                .channel(transport.serverChannel())
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.AUTO_READ, false)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(initializer)
                .bind(config.bindHost(), port)
                .sync()
                .channel();
    }

    /** The bound port; only meaningful after {@link #start()}. */
    public int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    /** The bound TLS port, or -1 without a TLS listener; only meaningful after {@link #start()}. */
    public int tlsPort() {
        return tlsServer == null ? -1 : ((InetSocketAddress) tlsServer.localAddress()).getPort();
    }

    /** Idle pooled backend connections right now (for tests and metrics). */
    public int idleBackendConnections() {
        return context.connector().idleConnections();
    }

    /** Connection pairs that switched protocols (WebSockets) and are open right now (for tests and metrics). */
    public int openTunnels() {
        return context.connector().openTunnels();
    }

    /** The router's backend connections (for tests). */
    BackendConnector connector() {
        return context.connector();
    }

    @Override
    public synchronized void close() {
        context.routes().removeListener(routeListener);
        if (server != null) {
            server.close().syncUninterruptibly();
            server = null;
        }
        if (tlsServer != null) {
            tlsServer.close().syncUninterruptibly();
            tlsServer = null;
            boundTlsPort = -1;
        }
        if (acceptors != null) {
            acceptors.shutdownGracefully(0, 2, TimeUnit.SECONDS);
            workers.shutdownGracefully(0, 2, TimeUnit.SECONDS);
            acceptors.terminationFuture().syncUninterruptibly();
            workers.terminationFuture().syncUninterruptibly();
            acceptors = null;
            workers = null;
        }
    }

    /** This router's metrics (for the admin listener). */
    public RouterMetrics metrics() {
        return context.metrics();
    }

    /** The /healthz body of the traffic port. */
    public String health() {
        return LocalResponses.healthJson(context.routes(), context.routeSourceConnected().getAsBoolean());
    }

    /**
     * The router's check for the admin listener's /healthz: always passing, since the router keeps
     * serving its last table while the route source is away; the details say whether it is.
     */
    public io.dinp.common.metrics.HealthCheck.Result healthCheck() {
        java.util.Map<String, Object> d = new java.util.LinkedHashMap<>(
                io.dinp.common.Json.read(health(), java.util.Map.class));
        d.remove("status");
        return io.dinp.common.metrics.HealthCheck.Result.ok(d);
    }
}
