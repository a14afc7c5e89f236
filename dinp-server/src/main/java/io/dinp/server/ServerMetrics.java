package io.dinp.server;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * What the controller counts (all {@code dinp_server_*}): reconcile passes and their duration,
 * events waiting for the next pass, placements and stops, reports received, assignment long
 * polls open, route table builds and publications, instances desired and running, nodes by
 * state, and whether this server leads. No per-node or per-instance labels.
 */
public final class ServerMetrics {
    static final String[] NODE_STATES = {"up", "down", "revoked"};
    private static final Duration[] PASS_BUCKETS = {Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(10),
            Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
            Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5)};

    private final Timer pass;
    private final Counter passFailures;
    private final AtomicLong pending = new AtomicLong();
    private final Counter placements;
    private final Counter drains;
    private final Counter stops;
    private final Counter nodeReports;
    private final Counter healthReports;
    private final AtomicInteger pollsOpen = new AtomicInteger();
    private final Timer routeBuild;
    private final Counter routePublishes;
    private final AtomicLong desiredInstances = new AtomicLong();
    private final AtomicLong runningInstances = new AtomicLong();
    private final AtomicInteger leader = new AtomicInteger(1);
    private volatile Instant lastPass;

    /** Meters nobody reads: for controllers made outside a server process (tests, benchmarks). */
    public static ServerMetrics detached() {
        return new ServerMetrics(new SimpleMeterRegistry());
    }

    public ServerMetrics(MeterRegistry r) {
        pass = Timer.builder("dinp.server.reconcile.pass").description("one reconcile pass: snapshot, plan, apply, routes")
                .serviceLevelObjectives(PASS_BUCKETS).register(r);
        passFailures = Counter.builder("dinp.server.reconcile.failures").description("passes that failed and were retried")
                .register(r);
        Gauge.builder("dinp.server.reconcile.pending", pending, AtomicLong::get)
                .description("events (reports, changes, deadlines) waiting for the next pass").register(r);
        placements = Counter.builder("dinp.server.placements").description("instances placed on a node").register(r);
        drains = Counter.builder("dinp.server.drains").description("instances taken out of the routes before a stop")
                .register(r);
        stops = Counter.builder("dinp.server.stops").description("instances unassigned (stopped)").register(r);
        nodeReports = Counter.builder("dinp.server.reports").tag("from", "agent")
                .description("reports received: agents' heartbeats, health monitors' batches").register(r);
        healthReports = Counter.builder("dinp.server.reports").tag("from", "hm")
                .description("reports received: agents' heartbeats, health monitors' batches").register(r);
        Gauge.builder("dinp.server.assignment.polls.open", pollsOpen, AtomicInteger::get)
                .description("agents' assignment long polls waiting now").register(r);
        routeBuild = Timer.builder("dinp.server.route.build").description("computing the route table after a pass")
                .serviceLevelObjectives(PASS_BUCKETS).register(r);
        routePublishes = Counter.builder("dinp.server.route.publishes").description("route tables published (changed)")
                .register(r);
        Gauge.builder("dinp.server.instances.desired", desiredInstances, AtomicLong::get)
                .description("instances the apps ask for, summed over apps, at the last pass").register(r);
        Gauge.builder("dinp.server.instances.running", runningInstances, AtomicLong::get)
                .description("instances running and healthy, summed over apps, at the last pass").register(r);
        Gauge.builder("dinp.server.leader", leader, AtomicInteger::get)
                .description("1 while this server leads (acts), 0 while it stands by").register(r);
    }

    /** Node counts by state ({@link #NODE_STATES}), read at each scrape. */
    void watchNodes(MeterRegistry r, Supplier<Map<String, Integer>> byState) {
        for (String s : NODE_STATES) {
            // held strongly: nothing else keeps the method reference alive
            Gauge.builder("dinp.server.nodes", byState, b -> b.get().getOrDefault(s, 0)).tag("state", s)
                    .description("nodes by state").strongReference(true).register(r);
        }
    }

    Timer pass() {
        return pass;
    }

    void passFailed() {
        passFailures.increment();
    }

    void passDone(Instant at) {
        lastPass = at;
    }

    /** When the last pass ended, or null before the first. */
    public Instant lastPass() {
        return lastPass;
    }

    void event() {
        pending.incrementAndGet();
    }

    void passStarted() {
        pending.set(0);
    }

    void planned(int placed, int drained, int stopped) {
        placements.increment(placed);
        drains.increment(drained);
        stops.increment(stopped);
    }

    void instances(long desired, long running) {
        desiredInstances.set(desired);
        runningInstances.set(running);
    }

    void nodeReport() {
        nodeReports.increment();
    }

    void healthReport() {
        healthReports.increment();
    }

    void pollOpened() {
        pollsOpen.incrementAndGet();
    }

    void pollClosed() {
        pollsOpen.decrementAndGet();
    }

    Timer routeBuild() {
        return routeBuild;
    }

    void routesPublished() {
        routePublishes.increment();
    }

    /** Whether this server leads: for leader election to set. */
    public void leader(boolean leads) {
        leader.set(leads ? 1 : 0);
    }
}
