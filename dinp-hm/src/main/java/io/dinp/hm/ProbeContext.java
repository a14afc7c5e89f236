package io.dinp.hm;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What all of one checker's probes share: how to open a connection, resolve a name without
 * blocking an event loop, tell the listener, and count checks.
 */
final class ProbeContext {
    private static final Logger log = LoggerFactory.getLogger(ProbeContext.class);
    /** Names are resolved off the event loops: a slow DNS server must not stall every other check. */
    private static final int RESOLVER_THREADS = 2;

    final Clock clock;
    private final TransitionListener listener;
    private final Bootstrap template;
    private final ExecutorService resolver;
    private final LongAdder completed = new LongAdder();
    private final LatencyRecorder latencies = new LatencyRecorder();
    private final HmMetrics metrics = HmMetrics.process();

    ProbeContext(Clock clock, TransitionListener listener, CheckerTransport transport) {
        this.clock = clock;
        this.listener = listener;
        // No connect timeout of its own: the check's timer covers connect, request and response.
        this.template = new Bootstrap()
                .channel(transport.channel())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT);
        this.resolver = Executors.newFixedThreadPool(RESOLVER_THREADS, new DefaultThreadFactory("dinp-hm-resolve", true));
    }

    /** A bootstrap for a connection on {@code loop} whose pipeline {@code initializer} sets up. */
    Bootstrap connector(EventLoop loop, ChannelHandler initializer) {
        return template.clone(loop).handler(initializer);
    }

    /** Resolves {@code host}, then calls {@code then} on {@code loop} with the address or why there is none. */
    void resolve(String host, EventLoop loop, BiConsumer<InetAddress, Throwable> then) {
        try {
            resolver.execute(() -> {
                InetAddress address = null;
                Throwable error = null;
                try {
                    address = InetAddress.getByName(host);
                } catch (UnknownHostException | SecurityException e) {
                    error = e;
                }
                InetAddress a = address;
                Throwable e = error;
                try {
                    loop.execute(() -> then.accept(a, e));
                } catch (RejectedExecutionException closing) {
                    // the checker is closing; nobody waits for this check any more
                }
            });
        } catch (RejectedExecutionException closing) {
            // likewise
        }
    }

    void checked(CheckResult r) {
        completed.increment();
        latencies.record(r.latency());
        metrics.checked(r);
    }

    /** Tells the listener; a listener that throws is logged and does not stop the checks. */
    void transitioned(String instanceId, HealthTransition t, HealthState now) {
        try {
            listener.onTransition(instanceId, t, now);
        } catch (RuntimeException e) {
            log.warn("the transition listener failed on {} {} -> {}; the checks go on", instanceId, t.from(), t.to(), e);
        }
    }

    long checksCompleted() {
        return completed.sum();
    }

    CheckLatencies latencies() {
        return latencies.snapshot();
    }

    void close() {
        resolver.shutdownNow();
    }
}
