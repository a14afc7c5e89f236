package io.dinp.builder;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the builder counts (all {@code dinp_builder_*}): builds by result, build and push
 * durations, builds queued and running now.
 */
final class BuilderMetrics {
    private static final Duration[] BUCKETS = {Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(5),
            Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofMinutes(2),
            Duration.ofMinutes(5), Duration.ofMinutes(10), Duration.ofMinutes(30)};

    private final Counter succeeded;
    private final Counter failed;
    private final Timer build;
    private final Timer push;
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicInteger running = new AtomicInteger();

    BuilderMetrics(MeterRegistry r) {
        succeeded = Counter.builder("dinp.builder.builds").tag("result", "succeeded")
                .description("builds finished, by result").register(r);
        failed = Counter.builder("dinp.builder.builds").tag("result", "failed")
                .description("builds finished, by result").register(r);
        build = Timer.builder("dinp.builder.build").description("a build from its start to its release (push included)")
                .serviceLevelObjectives(BUCKETS).register(r);
        push = Timer.builder("dinp.builder.push").description("pushing one image to the registry")
                .serviceLevelObjectives(BUCKETS).register(r);
        Gauge.builder("dinp.builder.builds.queued", queued, AtomicInteger::get)
                .description("builds accepted and waiting for their turn").register(r);
        Gauge.builder("dinp.builder.builds.running", running, AtomicInteger::get)
                .description("builds running now").register(r);
    }

    void queued() {
        queued.incrementAndGet();
    }

    void started() {
        queued.decrementAndGet();
        running.incrementAndGet();
    }

    void finished(long nanos, boolean ok) {
        running.decrementAndGet();
        (ok ? succeeded : failed).increment();
        build.record(nanos, TimeUnit.NANOSECONDS);
    }

    void pushed(long nanos) {
        push.record(nanos, TimeUnit.NANOSECONDS);
    }
}
