package io.dinp.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import io.dinp.testkit.MutableClock;
import org.junit.jupiter.api.Test;

class AgentMetricsTest {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    final MutableClock clock = new MutableClock(T0);
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final AgentMetrics metrics = new AgentMetrics(registry, clock);

    @Test
    void theReportAgeCountsFromTheLastAcceptedReportAndIsMinusOneBefore() {
        assertThat(metrics.reportAge()).isNull();
        assertThat(registry.get("dinp.agent.report.age").gauge().value()).isEqualTo(-1);
        clock.set(T0.plusSeconds(3));
        assertThat(metrics.sinceCreated()).isEqualTo(Duration.ofSeconds(3));
        metrics.reported();
        clock.set(T0.plusMillis(5500));
        metrics.reportFailed();
        assertThat(metrics.reportAge()).isEqualTo(Duration.ofMillis(2500));
        assertThat(registry.get("dinp.agent.report.age").gauge().value()).isEqualTo(2.5);
        assertThat(registry.get("dinp.agent.reports").counter().count()).isEqualTo(1);
        assertThat(registry.get("dinp.agent.report.failures").counter().count()).isEqualTo(1);
    }

    @Test
    void containersStartsStopsAndPullsAreCountedByOutcome() {
        metrics.observed(2, 5);
        metrics.started();
        metrics.startFailed();
        metrics.stopped();
        metrics.stopFailed();
        metrics.pulled(Duration.ofSeconds(2).toNanos(), true);
        metrics.pulled(Duration.ofSeconds(1).toNanos(), false);
        assertThat(registry.get("dinp.agent.containers.running").gauge().value()).isEqualTo(2);
        assertThat(registry.get("dinp.agent.containers.managed").gauge().value()).isEqualTo(5);
        assertThat(registry.get("dinp.agent.container.starts").counter().count()).isEqualTo(1);
        assertThat(registry.get("dinp.agent.container.stops").counter().count()).isEqualTo(1);
        assertThat(registry.get("dinp.agent.container.failures").tag("action", "start").counter().count()).isEqualTo(1);
        assertThat(registry.get("dinp.agent.container.failures").tag("action", "stop").counter().count()).isEqualTo(1);
        assertThat(registry.get("dinp.agent.image.pulls").tag("result", "ok").counter().count()).isEqualTo(1);
        assertThat(registry.get("dinp.agent.image.pulls").tag("result", "failed").counter().count()).isEqualTo(1);
        assertThat(registry.get("dinp.agent.image.pull").timer().count()).isEqualTo(2);
        assertThat(registry.get("dinp.agent.image.pull").timer().totalTime(java.util.concurrent.TimeUnit.SECONDS))
                .isEqualTo(3);
    }
}
