package io.dinp.server;

import io.dinp.common.Micros;
import io.dinp.core.ClusterSnapshot;
import io.dinp.core.Plan;
import io.dinp.core.ReconcileSettings;
import io.dinp.core.Reconciler;
import io.dinp.core.Rollback;
import io.dinp.core.RouteComputer;
import io.dinp.model.AppSpec;
import io.dinp.model.RouteTable;
import io.dinp.routebus.RoutePublisher;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control loop. Level-triggered: any event (a desired-state change, a report that changed
 * something, a deadline) only marks the world dirty; each pass re-reads everything, plans with
 * the pure {@link Reconciler}, applies the plan to the assignments and publishes the routes.
 * A periodic resync is only a safety net.
 */
public final class Controller implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Controller.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ClusterState state;
    private final DesiredStateSource desired;
    private final RoutePublisher routes;
    private final Reconciler reconciler;
    private final Clock clock;
    private final Duration resync;
    private final Duration settle;
    private volatile Instant settledAt;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private boolean dirty = true;
    /** When the server learned of the earliest change not yet published, epoch micros; 0 when none. */
    private long causeMicros;
    private boolean desiredDirty = true;
    private Map<String, AppSpec> apps = Map.of();
    private Map<String, String> domains = Map.of();
    private Map<String, io.dinp.model.TlsCertificate> certificates = Map.of();
    private Map<String, io.dinp.model.RouteOptions> routeOptions = Map.of();
    private RouteTable published;
    private long routeVersion = System.currentTimeMillis() * 1000;
    private Thread thread;
    private final ServerMetrics metrics;
    private final Fence fence;

    public Controller(ClusterState state, DesiredStateSource desired, RoutePublisher routes, ReconcileSettings settings,
                      Clock clock, Duration resync, Duration settle) {
        this(state, desired, routes, settings, clock, resync, settle, Fence.NONE, ServerMetrics.detached());
    }

    public Controller(ClusterState state, DesiredStateSource desired, RoutePublisher routes, ReconcileSettings settings,
                      Clock clock, Duration resync, Duration settle, ServerMetrics metrics) {
        this(state, desired, routes, settings, clock, resync, settle, Fence.NONE, metrics);
    }

    public Controller(ClusterState state, DesiredStateSource desired, RoutePublisher routes, ReconcileSettings settings,
                      Clock clock, Duration resync, Duration settle, Fence fence) {
        this(state, desired, routes, settings, clock, resync, settle, fence, ServerMetrics.detached());
    }

    /** A controller acting for one leadership term: it stops acting once {@code fence} says so. */
    public Controller(ClusterState state, DesiredStateSource desired, RoutePublisher routes, ReconcileSettings settings,
                      Clock clock, Duration resync, Duration settle, Fence fence, ServerMetrics metrics) {
        this.fence = fence;
        this.metrics = metrics;
        this.state = state;
        this.desired = desired;
        this.routes = routes;
        this.reconciler = new Reconciler(settings);
        this.clock = clock;
        this.resync = resync;
        this.settle = settle;
        this.settledAt = clock.instant().plus(settle);
        this.published = new RouteTable(routeVersion, Map.of());
    }

    /** Loads the desired state once, so reports arriving before the first pass can be adopted. */
    public void load() throws Exception {
        reloadDesired();
    }

    /**
     * Starts the control loop. The settle window counts from here, once the control API listens,
     * not from construction: a slow start must not eat the time agents have to report what runs.
     */
    public void start() {
        settledAt = clock.instant().plus(settle);
        thread = Thread.ofPlatform().name("dinp-controller").daemon().start(this::loop);
    }

    /** Something changed: run a pass soon. */
    public void nudge() {
        nudge(Micros.now());
    }

    /** Something the server learned at {@code learnedMicros} changed: run a pass soon. */
    public void nudge(long learnedMicros) {
        lock.lock();
        try {
            causeMicros = causeMicros == 0 ? learnedMicros : Math.min(causeMicros, learnedMicros);
            dirty = true;
            metrics.event();
            wake.signal();
        } finally {
            lock.unlock();
        }
    }

    /** The desired state changed: re-read it and run a pass. */
    public void desiredChanged() {
        lock.lock();
        try {
            desiredDirty = true;
            dirty = true;
            metrics.event();
            wake.signal();
        } finally {
            lock.unlock();
        }
    }

    private void loop() {
        Instant nextWakeup = null;
        Instant nextResync = clock.instant().plus(resync);
        while (running.get()) {
            boolean reload;
            lock.lock();
            try {
                while (!dirty && running.get()) {
                    Instant now = clock.instant();
                    Instant until = earliest(nextResync, nextWakeup);
                    if (!now.isBefore(until)) {
                        break;
                    }
                    wake.awaitNanos(Duration.between(now, until).toNanos());
                }
                if (!running.get()) {
                    return;
                }
                dirty = false;
                metrics.passStarted();
                reload = desiredDirty || !clock.instant().isBefore(nextResync);
                desiredDirty = false;
            } catch (InterruptedException e) {
                return;
            } finally {
                lock.unlock();
            }
            long cause;
            lock.lock();
            try {
                cause = causeMicros == 0 ? Micros.now() : causeMicros;
                causeMicros = 0;
            } finally {
                lock.unlock();
            }
            long started = System.nanoTime();
            try {
                if (reload) {
                    reloadDesired();
                    nextResync = clock.instant().plus(resync);
                }
                nextWakeup = pass(cause);
                metrics.pass().record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
                metrics.passDone(clock.instant());
            } catch (Exception e) {
                metrics.passFailed();
                log.error("reconcile pass failed; retrying in 1 s", e);
                nextWakeup = clock.instant().plusSeconds(1);
            }
        }
    }

    private void reloadDesired() throws Exception {
        Map<String, AppSpec> next = new HashMap<>();
        for (AppSpec a : desired.apps()) {
            next.put(a.name(), a);
        }
        apps = Map.copyOf(next);
        domains = Map.copyOf(desired.domains());
        certificates = Map.copyOf(desired.certificates());
        routeOptions = Map.copyOf(desired.routeOptions());
        state.desired(apps);
    }

    /** One pass; returns when the next one is due at the latest. */
    Instant pass(long causeMicros) throws Exception {
        Instant now = clock.instant();
        if (!fence.acting()) {
            return now.plusSeconds(1); // deposed: the server closes us; until then decide nothing
        }
        ClusterSnapshot snap = state.snapshot(apps, now);
        Instant wakeup;
        if (now.isBefore(settledAt)) {
            // After a start, agents are still reporting what runs: deciding now would place twice,
            // and publishing would replace the routers' last table (in Redis) with a partial one:
            // an app whose instances were not reported yet would answer 503 until they are.
            state.settling(apps);
            return earliest(settledAt, state.nextNodeExpiry(now));
        } else {
            Plan plan = reconciler.plan(snap, now, Controller::newInstanceId);
            if (plan.changesAssignments()) {
                log.info("plan: place {}, drain {}, stop {}", plan.place().size(), plan.drain().size(), plan.stop());
                if (fence.term() > 0) {
                    // Recorded under the lease before any agent can see it: a deposed leader's plan
                    // is refused here and never reaches an assignment.
                    String summary = PlanSummary.of(plan, fence.term());
                    fence.fenced(() -> {
                        desired.record("controller.plan", summary);
                        return null;
                    });
                }
            }
            state.apply(plan, now);
            metrics.planned(plan.place().size(), plan.drain().size(), plan.stop().size());
            long desiredCount = 0;
            long runningCount = 0;
            for (io.dinp.model.AppStatus st : plan.status().values()) {
                desiredCount += st.desired();
                runningCount += st.running();
            }
            metrics.instances(desiredCount, runningCount);
            wakeup = plan.nextWakeup();
            if (!plan.rollbacks().isEmpty()) {
                rollBack(plan);
                wakeup = clock.instant();
            }
            snap = state.snapshot(apps, now);
        }
        publishRoutes(snap, causeMicros);
        return earliest(wakeup, state.nextNodeExpiry(now));
    }

    /** Writes each failed rollout back to its old spec; the next pass (right away) retires the new instances. */
    private void rollBack(Plan plan) {
        for (Rollback r : plan.rollbacks().values()) {
            try {
                var now = fence.fenced(() -> desired.rollBack(r));
                if (now.isPresent()) {
                    log.warn("app {}: {}", r.app(), r.reason());
                    state.rolledBack(r, now.get());
                }
            } catch (Exception e) {
                log.error("app {}: could not roll back ({}); retrying", r.app(), r.reason(), e);
            }
        }
        lock.lock();
        try {
            desiredDirty = true;
            dirty = true;
        } finally {
            lock.unlock();
        }
    }

    private void publishRoutes(ClusterSnapshot snap, long causeMicros) {
        long started = System.nanoTime();
        RouteTable next = RouteComputer.compute(snap, routeVersion + 1, domains, certificates, routeOptions);
        metrics.routeBuild().record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
        if (!RouteComputer.sameRoutes(next, published)) {
            routeVersion++;
            published = next;
            routes.publish(next, causeMicros, fence.term());
            metrics.routesPublished();
        }
    }

    /** The leadership term this controller acts for (0 without an election). */
    public long term() {
        return fence.term();
    }

    /** The table last published, for tests and the benchmark. */
    public RouteTable routes() {
        return published;
    }

    static String newInstanceId() {
        byte[] b = new byte[5];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private static Instant earliest(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isBefore(b) ? a : b;
    }

    @Override
    public void close() {
        running.set(false);
        nudge();
        if (thread != null) {
            try {
                thread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
