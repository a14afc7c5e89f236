package io.dinp.hm;

import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.Future;
import java.time.Clock;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

/**
 * Runs the HTTP checks of many instances on a few event-loop threads and feeds each result to
 * {@link HealthMachine}, telling a {@link TransitionListener} when an instance's phase changes.
 * Each instance has one keep-alive connection, reused check after check, and at most one check in
 * flight; when the checks run is {@link CheckSchedule}'s business. One checker sustains tens of
 * thousands of checks a second, so one monitor process covers a large cluster.
 */
public final class HealthChecker implements AutoCloseable {
    private static final long SHUTDOWN_TIMEOUT_SECONDS = 5;

    private final EventLoopGroup group;
    private final ProbeContext context;
    private final RandomGenerator random;
    private final Map<String, Probe> probes = new ConcurrentHashMap<>();
    private final Object lock = new Object();
    private boolean closed;

    /** A checker on one event-loop thread, enough for more than 10,000 checks a second. */
    public HealthChecker(Clock clock, TransitionListener listener) {
        this(clock, listener, 1);
    }

    public HealthChecker(Clock clock, TransitionListener listener, int ioThreads) {
        this(clock, listener, ioThreads, new SplittableRandom());
    }

    /** With {@code random} to place first checks; tests pass one that always says 0. */
    HealthChecker(Clock clock, TransitionListener listener, int ioThreads, RandomGenerator random) {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(listener, "listener");
        if (ioThreads < 1) {
            throw new IllegalArgumentException("ioThreads must be at least 1, was " + ioThreads);
        }
        CheckerTransport transport = CheckerTransport.detect();
        this.group = transport.newGroup(ioThreads);
        this.context = new ProbeContext(clock, listener, transport);
        this.random = random;
    }

    /**
     * Makes {@code targets} the checked set. An instance id already checked keeps its state and
     * connection (new settings apply from its next check; a new host or port means a new
     * connection and a fresh start from the target's {@code initial} state); a new id starts from
     * its {@code initial} state; an id not in {@code targets} is no longer checked and its
     * connection is closed. Callable from any thread.
     *
     * @throws IllegalArgumentException when two targets share an instance id; nothing is changed then
     * @throws IllegalStateException    when the checker is closed
     */
    public void update(Collection<Target> targets) {
        Map<String, Target> wanted = HashMap.newHashMap(targets.size());
        for (Target t : targets) {
            if (wanted.put(t.instanceId(), t) != null) {
                throw new IllegalArgumentException("instance " + t.instanceId() + " is in the targets twice");
            }
        }
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("the health checker is closed");
            }
            probes.entrySet().removeIf(e -> {
                if (wanted.containsKey(e.getKey())) {
                    return false;
                }
                Probe p = e.getValue();
                p.loop().execute(p::cancel);
                return true;
            });
            long fresh = wanted.keySet().stream().filter(id -> !probes.containsKey(id)).count();
            boolean bigBatch = fresh > CheckSchedule.BIG_BATCH;
            for (Target t : wanted.values()) {
                Probe p = probes.get(t.instanceId());
                if (p == null) {
                    Probe created = new Probe(t, group.next(), context);
                    probes.put(t.instanceId(), created);
                    long delay = CheckSchedule.firstDelayNanos(t.initial(), t.settings(), bigBatch, random);
                    created.loop().execute(() -> created.begin(t, delay));
                } else if (!p.configured.equals(t)) {
                    long delay = p.configured.sameAddress(t)
                            ? 0 : CheckSchedule.firstDelayNanos(t.initial(), t.settings(), false, random);
                    p.configured = t;
                    p.loop().execute(() -> p.reconfigure(t, delay));
                }
            }
        }
    }

    /** The current state of every checked instance, by instance id: a snapshot. */
    public Map<String, HealthState> states() {
        Map<String, HealthState> out = HashMap.newHashMap(probes.size());
        probes.forEach((id, p) -> out.put(id, p.state()));
        return Collections.unmodifiableMap(out);
    }

    /** How many checks have completed (passed, failed or timed out) since the checker was made; only grows. */
    public long checksCompleted() {
        return context.checksCompleted();
    }

    /** How long the completed checks took; subtract an earlier snapshot for a window. */
    public CheckLatencies latencies() {
        return context.latencies();
    }

    /** Stops every check, closes the connections and the event loops; waits for them unless called on one. */
    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            probes.values().forEach(p -> p.loop().execute(p::cancel));
            probes.clear();
        }
        Future<?> shutdown = group.shutdownGracefully(0, SHUTDOWN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        context.close();
        boolean onLoop = false;
        for (var loop : group) {
            onLoop |= loop.inEventLoop();
        }
        if (!onLoop) {
            shutdown.awaitUninterruptibly(SHUTDOWN_TIMEOUT_SECONDS + 1, TimeUnit.SECONDS);
        }
    }
}
