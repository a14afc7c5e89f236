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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Finds a backend connection for a request: an idle pooled one if there is, else a new one,
 * trying the candidates in order until one accepts. Connections live on the caller's event loop.
 */
final class BackendConnector {
    private static final int MAX_IDLE_PER_BACKEND = 64;

    /** Where a connection attempt ends. */
    interface Callback {
        void connected(Channel channel, Backend backend);

        /** No candidate accepted; {@code errors} says why for each one tried. */
        void failed(List<String> errors);
    }

    private final Transport transport;
    private final RouterConfig config;
    private final ConcurrentHashMap<EventLoop, BackendPool> pools = new ConcurrentHashMap<>();

    BackendConnector(Transport transport, RouterConfig config) {
        this.transport = transport;
        this.config = config;
    }

    void acquire(EventLoop loop, List<Backend> candidates, Callback callback) {
        attempt(loop, candidates, 0, new ArrayList<>(), callback);
    }

    /** Idle pooled connections across all event loops (for tests and metrics). */
    int idleConnections() {
        return pools.values().stream().mapToInt(BackendPool::idleCount).sum();
    }

    private void attempt(EventLoop loop, List<Backend> candidates, int index, List<String> errors, Callback callback) {
        if (index >= candidates.size()) {
            callback.failed(errors);
            return;
        }
        Backend backend = candidates.get(index);
        BackendPool pool = pools.computeIfAbsent(loop, l -> new BackendPool(MAX_IDLE_PER_BACKEND));
        Channel idle = pool.poll(backend);
        if (idle != null) {
            callback.connected(idle, backend);
            return;
        }
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
                                new HttpClientCodec(new HttpDecoderConfig().setMaxHeaderSize(config.maxHeaderSize()),
                                        false, false),
                                new BackendHandler(backend, pool));
                    }
                })
                .connect(new InetSocketAddress(backend.host(), backend.port()));
        connect.addListener(f -> {
            if (f.isSuccess()) {
                callback.connected(connect.channel(), backend);
            } else {
                errors.add(backend.instanceId() + " at " + backend.hostPort() + ": " + f.cause().getMessage());
                attempt(loop, candidates, index + 1, errors, callback);
            }
        });
    }
}
