package io.dinp.agent;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What one agent counts (all {@code dinp_agent_*}): reports sent and failed, the age of the last
 * accepted report, DINP containers on the node, container starts, stops and failures, image
 * pulls and their duration. No per-container labels.
 */
public final class AgentMetrics {
    private static final Duration[] PULL_BUCKETS = {Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofSeconds(5), Duration.ofSeconds(15), Duration.ofSeconds(30), Duration.ofSeconds(60),
            Duration.ofMinutes(5)};

    private final Clock clock;
    private final Counter reports;
    private final Counter reportFailures;
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger managed = new AtomicInteger();
    private final Counter starts;
    private final Counter stops;
    private final Counter startFailures;
    private final Counter stopFailures;
    private final Counter pulls;
    private final Counter pullFailures;
    private final Timer pullTime;
    private volatile Instant lastReport;
    private final Instant created;

    public AgentMetrics(MeterRegistry r, Clock clock) {
        this.clock = clock;
        this.created = clock.instant();
        reports = Counter.builder("dinp.agent.reports").description("reports the server accepted").register(r);
        reportFailures = Counter.builder("dinp.agent.report.failures").description("reports that failed (server away, refused)")
                .register(r);
        Gauge.builder("dinp.agent.report.age", this, m -> m.reportAgeSeconds()).baseUnit("seconds")
                .description("since the last report the server accepted; -1 before the first").register(r);
        Gauge.builder("dinp.agent.containers.running", running, AtomicInteger::get)
                .description("DINP containers of this node running now").register(r);
        Gauge.builder("dinp.agent.containers.managed", managed, AtomicInteger::get)
                .description("DINP containers of this node, whatever their state").register(r);
        starts = Counter.builder("dinp.agent.container.starts").description("containers created and started").register(r);
        stops = Counter.builder("dinp.agent.container.stops").description("containers stopped and removed").register(r);
        startFailures = Counter.builder("dinp.agent.container.failures").tag("action", "start")
                .description("containers that could not be started or removed").register(r);
        stopFailures = Counter.builder("dinp.agent.container.failures").tag("action", "stop")
                .description("containers that could not be started or removed").register(r);
        pulls = Counter.builder("dinp.agent.image.pulls").tag("result", "ok").description("image pulls, by result")
                .register(r);
        pullFailures = Counter.builder("dinp.agent.image.pulls").tag("result", "failed").description("image pulls, by result")
                .register(r);
        pullTime = Timer.builder("dinp.agent.image.pull").description("pulling one image, successful or not")
                .serviceLevelObjectives(PULL_BUCKETS).register(r);
    }

    double reportAgeSeconds() {
        Duration age = reportAge();
        return age == null ? -1 : age.toMillis() / 1000.0;
    }

    /** Since the last report the server accepted, or null before the first. */
    public Duration reportAge() {
        Instant last = lastReport;
        return last == null ? null : Duration.between(last, clock.instant());
    }

    Duration sinceCreated() {
        return Duration.between(created, clock.instant());
    }

    void reported() {
        reports.increment();
        lastReport = clock.instant();
    }

    void reportFailed() {
        reportFailures.increment();
    }

    void observed(int runningNow, int managedNow) {
        running.set(runningNow);
        managed.set(managedNow);
    }

    void started() {
        starts.increment();
    }

    void stopped() {
        stops.increment();
    }

    void startFailed() {
        startFailures.increment();
    }

    void stopFailed() {
        stopFailures.increment();
    }

    void pulled(long nanos, boolean ok) {
        (ok ? pulls : pullFailures).increment();
        pullTime.record(nanos, TimeUnit.NANOSECONDS);
    }
}
