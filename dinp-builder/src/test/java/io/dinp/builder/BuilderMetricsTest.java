package io.dinp.builder;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BuilderMetricsTest {
    @Test
    void buildsMoveFromQueuedToRunningToTheirResult() {
        SimpleMeterRegistry r = new SimpleMeterRegistry();
        BuilderMetrics m = new BuilderMetrics(r);
        m.queued();
        m.queued();
        assertThat(r.get("dinp.builder.builds.queued").gauge().value()).isEqualTo(2);
        m.started();
        assertThat(r.get("dinp.builder.builds.queued").gauge().value()).isEqualTo(1);
        assertThat(r.get("dinp.builder.builds.running").gauge().value()).isEqualTo(1);
        m.pushed(Duration.ofSeconds(1).toNanos());
        m.finished(Duration.ofSeconds(4).toNanos(), true);
        m.started();
        m.finished(Duration.ofSeconds(1).toNanos(), false);
        assertThat(r.get("dinp.builder.builds.queued").gauge().value()).isZero();
        assertThat(r.get("dinp.builder.builds.running").gauge().value()).isZero();
        assertThat(r.get("dinp.builder.builds").tag("result", "succeeded").counter().count()).isEqualTo(1);
        assertThat(r.get("dinp.builder.builds").tag("result", "failed").counter().count()).isEqualTo(1);
        assertThat(r.get("dinp.builder.build").timer().count()).isEqualTo(2);
        assertThat(r.get("dinp.builder.push").timer().count()).isEqualTo(1);
    }
}
