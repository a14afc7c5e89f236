package io.dinp.hm;

import io.dinp.model.HealthMonitors;
import io.dinp.model.HealthPhase;
import io.dinp.model.HealthReport;
import io.dinp.model.HealthTarget;
import io.dinp.model.HmTargets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running health monitor: asks the server for its share of the instances (a long poll that is
 * also its heartbeat), checks them with a {@link HealthChecker}, and sends every health
 * transition back. Transitions are coalesced per instance (only the latest phase matters) and
 * retried until the server took them, so a server restart loses nothing.
 */
public final class HmNode implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HmNode.class);
    /** Below the server's monitor timeout (3 s), so a live monitor never looks dead. */
    static final Duration POLL = Duration.ofSeconds(1);

    private final String id;
    private final HealthMonitors server;
    private final Clock clock;
    private final HealthChecker checker;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Map<String, Integer> ports = new ConcurrentHashMap<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition pending = lock.newCondition();
    private final Map<String, HealthReport> outbox = new LinkedHashMap<>();
    private volatile int targetCount;
    private volatile Instant lastPoll;
    private final Instant created;
    private final io.micrometer.core.instrument.Counter reportsSent;
    private final io.micrometer.core.instrument.Counter reportFailures;
    private Thread poller;
    private Thread reporter;

    public HmNode(String id, HealthMonitors server, Clock clock) {
        this.id = id;
        this.server = server;
        this.clock = clock;
        this.checker = new HealthChecker(clock, this::onTransition);
        this.created = clock.instant();
        var r = io.dinp.common.metrics.Meters.registry();
        io.micrometer.core.instrument.Gauge.builder("dinp.hm.targets", this, HmNode::targets)
                .description("instances this monitor checks now").register(r);
        reportsSent = io.micrometer.core.instrument.Counter.builder("dinp.hm.reports")
                .description("batches of health transitions the server took").register(r);
        reportFailures = io.micrometer.core.instrument.Counter.builder("dinp.hm.report.failures")
                .description("batches of health transitions that failed and were retried").register(r);
    }

    /**
     * The monitor's check for /healthz: it fetched its targets from the server within the last
     * 10 s (it asks every second); before the first fetch, within 10 s of its start.
     */
    public io.dinp.common.metrics.HealthCheck.Result health() {
        Instant last = lastPoll;
        Duration limit = Duration.ofSeconds(10);
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("targets", targetCount);
        d.put("limitSeconds", limit.toSeconds());
        d.put("targetsFetchedSecondsAgo", last == null ? "never" : Duration.between(last, clock.instant()).toMillis() / 1000.0);
        Duration silent = Duration.between(last == null ? created : last, clock.instant());
        return new io.dinp.common.metrics.HealthCheck.Result(silent.compareTo(limit) <= 0, d);
    }

    public HmNode start() {
        poller = Thread.ofPlatform().name("dinp-hm-poll").daemon().start(this::pollLoop);
        reporter = Thread.ofPlatform().name("dinp-hm-report").daemon().start(this::reportLoop);
        log.info("health monitor {} started", id);
        return this;
    }

    public String id() {
        return id;
    }

    /** How many instances this monitor checks now. */
    public int targets() {
        return targetCount;
    }

    public long checksCompleted() {
        return checker.checksCompleted();
    }

    private void pollLoop() {
        String known = "";
        boolean failing = false;
        while (running.get()) {
            try {
                var next = server.targets(id, known, POLL);
                lastPoll = clock.instant();
                if (next.isPresent()) {
                    HmTargets t = next.get();
                    apply(t);
                    known = t.hash();
                }
                if (failing) {
                    log.info("health monitor {} reaches the server again", id);
                    failing = false;
                }
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                if (!running.get()) {
                    return;
                }
                if (!failing) {
                    log.warn("health monitor {} cannot reach the server ({}); keeps checking and retries", id, e.toString());
                    failing = true;
                }
                known = "";
                sleep(Duration.ofMillis(500));
            }
        }
    }

    private void apply(HmTargets t) {
        Instant now = clock.instant();
        List<Target> targets = new ArrayList<>(t.targets().size());
        Map<String, Integer> nextPorts = new java.util.HashMap<>();
        for (HealthTarget h : t.targets()) {
            targets.add(new Target(h.instanceId(), h.app(), h.host(), h.port(), h.settings(), initial(h, now)));
            nextPorts.put(h.instanceId(), h.port());
        }
        ports.keySet().retainAll(nextPorts.keySet());
        ports.putAll(nextPorts);
        Map<String, HealthState> mine = checker.states();
        checker.update(targets);
        // The server may have lost news (it restarted, a report was dropped): tell it again where
        // the instances it hands back stand by this monitor's own checks.
        for (HealthTarget h : t.targets()) {
            HealthState s = mine.get(h.instanceId());
            if (s != null && s.phase() != HealthState.Phase.STARTING && phase(s.phase()) != h.phase()) {
                queue(new HealthReport(h.instanceId(), h.port(), phase(s.phase()), now, "as last checked"));
            }
        }
        if (targets.size() != targetCount) {
            log.info("health monitor {} checks {} instances ({} monitors share them)", id, targets.size(), t.monitors());
        }
        targetCount = targets.size();
    }

    /**
     * Where a target starts when this monitor takes it. A starting instance's grace runs from
     * when a monitor first sees it running (an image pull must not eat it).
     */
    static HealthState initial(HealthTarget h, Instant now) {
        return switch (h.phase()) {
            case HEALTHY -> new HealthState(HealthState.Phase.HEALTHY, 0, 0, h.since(), h.since(), null);
            case UNHEALTHY -> new HealthState(HealthState.Phase.UNHEALTHY, 0, 0, h.since(), h.since(), null);
            case STARTING -> HealthState.starting(now);
        };
    }

    /** Called on the checker's event loop: only queue. */
    private void onTransition(String instanceId, HealthTransition t, HealthState now) {
        Integer port = ports.get(instanceId);
        if (port == null) {
            return;
        }
        queue(new HealthReport(instanceId, port, phase(t.to()), t.at(), t.reason()));
    }

    private static HealthPhase phase(HealthState.Phase p) {
        return switch (p) {
            case HEALTHY -> HealthPhase.HEALTHY;
            case UNHEALTHY -> HealthPhase.UNHEALTHY;
            case STARTING -> HealthPhase.STARTING;
        };
    }

    private void queue(HealthReport r) {
        lock.lock();
        try {
            outbox.remove(r.instanceId());
            outbox.put(r.instanceId(), r);
            pending.signal();
        } finally {
            lock.unlock();
        }
    }

    private void reportLoop() {
        while (running.get()) {
            List<HealthReport> batch;
            lock.lock();
            try {
                while (outbox.isEmpty() && running.get()) {
                    pending.await();
                }
                batch = new ArrayList<>(outbox.values());
                outbox.clear();
            } catch (InterruptedException e) {
                return;
            } finally {
                lock.unlock();
            }
            if (batch.isEmpty()) {
                continue;
            }
            try {
                server.report(id, batch);
                reportsSent.increment();
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                reportFailures.increment();
                log.warn("health monitor {} could not send {} transitions ({}); retrying", id, batch.size(), e.toString());
                lock.lock();
                try {
                    for (HealthReport r : batch) {
                        outbox.putIfAbsent(r.instanceId(), r); // a newer one queued meanwhile wins
                    }
                } finally {
                    lock.unlock();
                }
                sleep(Duration.ofMillis(500));
            }
        }
    }

    private void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running.set(false);
        for (Thread t : new Thread[] {poller, reporter}) {
            if (t != null) {
                t.interrupt();
                try {
                    t.join(2000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        checker.close();
        log.info("health monitor {} stopped", id);
    }
}
