package io.dinp.hm;

import io.dinp.model.HealthSettings;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;
import io.netty.util.NetUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * One target's checks, on its event loop: the keep-alive connection, the one check in flight and
 * its timer, and the health state the results feed. Everything but {@link #state} is touched on
 * {@link #loop} only, so nothing here takes a lock; late callbacks of an abandoned connection or
 * check are recognised (by channel identity, or {@link #attempt}) and dropped.
 */
final class Probe implements ResponseSink {
    private final String id;
    private final EventLoop loop;
    private final ProbeContext context;
    private final Runnable startTask = this::start;
    private final Runnable timeoutTask = this::timedOut;

    /** The target as last handed to {@link HealthChecker#update}; only touched under its lock. */
    Target configured;
    private volatile HealthState state;

    private Target target;
    private InetAddress literal;
    private ByteBuf request;
    private Channel channel;
    /** Whether {@link #channel} has carried a complete response, so it is a kept-alive one. */
    private boolean reused;
    private boolean inFlight;
    private boolean retried;
    private boolean started;
    private boolean lastFailed;
    private boolean cancelled;
    private long lastStartNanos;
    /** When the next check is due; see {@link CheckSchedule#delayNanos}. */
    private long dueNanos;
    private long lastDueNanos;
    private long attempt;
    private HealthSettings checkSettings;
    private ScheduledFuture<?> nextCheck;
    private ScheduledFuture<?> timeout;

    Probe(Target target, EventLoop loop, ProbeContext context) {
        this.id = target.instanceId();
        this.loop = loop;
        this.context = context;
        this.configured = target;
        this.state = target.initial();
    }

    EventLoop loop() {
        return loop;
    }

    HealthState state() {
        return state;
    }

    /** Starts checking: the first check after {@code firstDelayNanos}. */
    void begin(Target t, long firstDelayNanos) {
        if (cancelled) {
            return;
        }
        aim(t);
        state = t.initial();
        schedule(firstDelayNanos);
    }

    /**
     * Applies a changed target. A new address is a new instance as far as checks go: the
     * connection and the check in flight are dropped and the state starts again from the target's
     * initial one. Otherwise the state and the connection stay, and new settings apply from the
     * next check, which is rescheduled for the new interval.
     */
    void reconfigure(Target t, long firstDelayNanosIfMoved) {
        if (cancelled) {
            return;
        }
        if (!target.sameAddress(t)) {
            abandon();
            aim(t);
            state = t.initial();
            lastFailed = false;
            started = false;
            schedule(firstDelayNanosIfMoved);
            return;
        }
        if (!target.settings().path().equals(t.settings().path())) {
            aim(t);
        } else {
            target = t;
        }
        if (started && !inFlight) {
            schedule(nextDelayNanos());
        }
    }

    /** Stops checking for good and closes the connection. */
    void cancel() {
        cancelled = true;
        abandon();
        if (request != null) {
            request.release();
            request = null;
        }
    }

    private void aim(Target t) {
        target = t;
        literal = NetUtil.createInetAddressFromIpAddressString(t.host());
        if (request != null) {
            request.release();
        }
        byte[] bytes = CheckRequest.bytes(t.settings().path(), t.host(), t.port());
        request = PooledByteBufAllocator.DEFAULT.directBuffer(bytes.length).writeBytes(bytes);
    }

    private void schedule(long delayNanos) {
        if (nextCheck != null) {
            nextCheck.cancel(false);
        }
        dueNanos = System.nanoTime() + delayNanos;
        nextCheck = cancelled ? null : loop.schedule(startTask, delayNanos, TimeUnit.NANOSECONDS);
    }

    private long nextDelayNanos() {
        long interval = CheckSchedule.intervalNanos(state, lastFailed, target.settings());
        return CheckSchedule.delayNanos(lastDueNanos, lastStartNanos, interval, System.nanoTime());
    }

    private void start() {
        nextCheck = null;
        if (cancelled || inFlight) {
            return;
        }
        inFlight = true;
        started = true;
        retried = false;
        lastStartNanos = System.nanoTime();
        lastDueNanos = dueNanos;
        checkSettings = target.settings();
        timeout = loop.schedule(timeoutTask, checkSettings.timeout().toNanos(), TimeUnit.NANOSECONDS);
        if (channel != null && channel.isActive()) {
            send(channel);
        } else {
            closeChannel();
            connect();
        }
    }

    private void connect() {
        long mine = ++attempt;
        int port = target.port();
        if (port < 1 || port > 65535) {
            finish(CheckResult.noResponse("invalid port " + port + " for " + target.host(), elapsed()));
        } else if (literal != null) {
            open(new InetSocketAddress(literal, port));
        } else {
            context.resolve(target.host(), loop, (address, error) -> {
                if (mine != attempt || !inFlight || cancelled) {
                    return;
                }
                if (error != null) {
                    finish(CheckResult.noResponse(CheckErrors.describe(error, target.host(), port), elapsed()));
                } else {
                    open(new InetSocketAddress(address, port));
                }
            });
        }
    }

    private void open(InetSocketAddress address) {
        ResponseSink sink = this;
        ChannelFuture f = context.connector(loop, new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
                ch.pipeline().addLast(ProbeHandler.decoder(), new ProbeHandler(sink));
            }
        }).connect(address);
        channel = f.channel();
        reused = false;
        f.addListener(done -> connected(f));
    }

    private void connected(ChannelFuture f) {
        if (f.channel() != channel) {
            return; // given up on meanwhile (timed out, target changed)
        }
        if (f.isSuccess()) {
            send(f.channel());
        } else {
            channel = null;
            finish(CheckResult.noResponse(CheckErrors.describe(f.cause(), target.host(), target.port()), elapsed()));
        }
    }

    private void send(Channel ch) {
        ch.writeAndFlush(request.retainedDuplicate(), ch.voidPromise());
    }

    @Override
    public boolean readsBody() {
        return inFlight && checkSettings.bodyContains() != null;
    }

    @Override
    public void responded(Channel ch, int status, byte[] bodyPrefix, boolean keepAlive) {
        if (ch != channel) {
            return;
        }
        if (!inFlight) {
            closeChannel(); // an answer nobody asked for: the connection is out of step
            return;
        }
        reused = true;
        if (!keepAlive) {
            closeChannel();
        }
        finish(CheckEvaluator.evaluate(status, bodyPrefix, elapsed(), checkSettings));
    }

    @Override
    public void lost(Channel ch, Throwable cause, boolean responseStarted) {
        if (ch != channel) {
            return;
        }
        boolean stale = reused && !responseStarted;
        closeChannel();
        if (!inFlight) {
            return;
        }
        if (stale && !retried) {
            // The server closed the idle kept-alive connection as the check went out; that says
            // nothing about the instance, so try once more on a fresh connection.
            retried = true;
            connect();
            return;
        }
        finish(CheckResult.noResponse(CheckErrors.describe(cause, target.host(), target.port()), elapsed()));
    }

    private void timedOut() {
        timeout = null;
        if (!inFlight) {
            return;
        }
        closeChannel(); // a fresh connection next time: this one may still deliver the late answer
        finish(CheckResult.timedOut(checkSettings.timeout()));
    }

    private void finish(CheckResult r) {
        inFlight = false;
        attempt++;
        if (timeout != null) {
            timeout.cancel(false);
            timeout = null;
        }
        context.checked(r);
        HealthStep step = HealthMachine.step(state, r, context.clock.instant(), checkSettings);
        state = step.state();
        lastFailed = !r.passed();
        if (step.transitioned()) {
            context.transitioned(id, step.transition(), step.state());
        }
        if (!cancelled) {
            schedule(nextDelayNanos());
        }
    }

    /** Drops the check in flight and the connection, without a result. */
    private void abandon() {
        inFlight = false;
        attempt++;
        if (timeout != null) {
            timeout.cancel(false);
            timeout = null;
        }
        if (nextCheck != null) {
            nextCheck.cancel(false);
            nextCheck = null;
        }
        closeChannel();
    }

    private void closeChannel() {
        if (channel != null) {
            Channel ch = channel;
            channel = null;
            ch.close();
        }
    }

    private Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - lastStartNanos);
    }
}
