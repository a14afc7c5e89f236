package io.dinp.router;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The HTTP/1.1 reverse proxy in front of every app: routes {@code <app>.<apps-domain>} to the app's instances. */
public final class Router implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Router.class);

    private final RouterConfig config;
    private final Transport transport = Transport.detect();
    private final ProxyContext context;
    private EventLoopGroup acceptors;
    private EventLoopGroup workers;
    private Channel server;

    /** A router whose route source is always reported as connected (in-process routes). */
    public Router(RouterConfig config, RouteTableHolder routes) {
        this(config, routes, () -> true);
    }

    /**
     * @param routeSourceConnected whether the route feed (e.g. Redis) is reachable, reported by {@code /healthz}
     */
    public Router(RouterConfig config, RouteTableHolder routes, BooleanSupplier routeSourceConnected) {
        this.config = config;
        this.context = new ProxyContext(config, routes, new BackendConnector(transport, config), routeSourceConnected);
    }

    /** Binds and starts serving; returns the port bound (useful with port 0). */
    public synchronized int start() throws InterruptedException {
        if (server != null) {
            throw new IllegalStateException("router already started");
        }
        acceptors = transport.newGroup(1, "dinp-router-accept");
        workers = transport.newGroup(0, "dinp-router");
        try {
            server = new ServerBootstrap()
                    .group(acceptors, workers)
                    .channel(transport.serverChannel())
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    .childOption(ChannelOption.AUTO_READ, false)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new FrontendInitializer(context))
                    .bind(config.bindHost(), config.port())
                    .sync()
                    .channel();
        } catch (InterruptedException | RuntimeException e) {
            close();
            throw e;
        }
        int port = port();
        log.info("router listening on {}:{} ({}), apps at *.{}", config.bindHost(), port, transport.name(),
                config.appsDomain());
        return port;
    }

    /** The bound port; only meaningful after {@link #start()}. */
    public int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    /** Idle pooled backend connections right now (for tests and metrics). */
    public int idleBackendConnections() {
        return context.connector().idleConnections();
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.close().syncUninterruptibly();
            server = null;
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
}
