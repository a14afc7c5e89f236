package io.dinp.hm;

import io.dinp.common.metrics.Meters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * What health checks count (all {@code dinp_hm_*}): checks by result ({@code up}, {@code down},
 * {@code timeout}) and their latency. Every checker of a process adds to the same meters; the
 * monitor's own meters (targets, reports) are made by {@link HmNode}.
 */
final class HmMetrics {
    static final String UP = "up";
    static final String DOWN = "down";
    static final String TIMEOUT = "timeout";
    private static final Duration[] BUCKETS = {Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(10),
            Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
            Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5)};

    private final Counter up;
    private final Counter down;
    private final Counter timeout;
    private final Timer latency;

    HmMetrics(MeterRegistry r) {
        up = counter(r, UP);
        down = counter(r, DOWN);
        timeout = counter(r, TIMEOUT);
        latency = Timer.builder("dinp.hm.check").description("one health check, from connect to the response's end")
                .serviceLevelObjectives(BUCKETS).register(r);
    }

    static HmMetrics process() {
        return new HmMetrics(Meters.registry());
    }

    private static Counter counter(MeterRegistry r, String result) {
        return Counter.builder("dinp.hm.checks").tag("result", result)
                .description("health checks completed, by result: up (passed), down (failed), timeout").register(r);
    }

    /** Pure: which result a check counts under. */
    static String result(CheckResult r) {
        if (r.passed()) {
            return UP;
        }
        return r.status() == null && r.error().startsWith(CheckResult.TIMED_OUT) ? TIMEOUT : DOWN;
    }

    void checked(CheckResult r) {
        switch (result(r)) {
            case UP -> up.increment();
            case TIMEOUT -> timeout.increment();
            default -> down.increment();
        }
        latency.record(r.latency().toNanos(), TimeUnit.NANOSECONDS);
    }
}
