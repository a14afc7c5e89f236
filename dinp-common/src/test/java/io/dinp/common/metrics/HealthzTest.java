package io.dinp.common.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.dinp.common.Json;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HealthzTest {
    @Test
    void allPassingIsOkWithEachCheck() {
        Map<String, HealthCheck.Result> r = new LinkedHashMap<>();
        r.put("db", HealthCheck.Result.ok(Map.of("latencyMs", 3)));
        r.put("docker", HealthCheck.Result.ok(Map.of()));
        Healthz.Answer a = Healthz.combine(r);
        assertThat(a.status()).isEqualTo(200);
        Map<?, ?> body = Json.read(a.json(), Map.class);
        assertThat(body.get("status")).isEqualTo("ok");
        assertThat(((Map<?, ?>) body.get("checks")).keySet().toString()).isEqualTo("[db, docker]");
        assertThat(((Map<?, ?>) ((Map<?, ?>) body.get("checks")).get("db")).get("latencyMs")).isEqualTo(3);
    }

    @Test
    void oneFailingCheckMakesItA503NamingIt() {
        Map<String, HealthCheck.Result> r = new LinkedHashMap<>();
        r.put("db", HealthCheck.Result.ok(Map.of()));
        r.put("docker", HealthCheck.Result.failing("connection refused"));
        Healthz.Answer a = Healthz.combine(r);
        assertThat(a.status()).isEqualTo(503);
        Map<?, ?> body = Json.read(a.json(), Map.class);
        assertThat(body.get("status")).isEqualTo("failing");
        Map<?, ?> docker = (Map<?, ?>) ((Map<?, ?>) body.get("checks")).get("docker");
        assertThat(docker.get("status")).isEqualTo("failing");
        assertThat(docker.get("error")).isEqualTo("connection refused");
    }

    @Test
    void noChecksIsOk() {
        assertThat(Healthz.combine(Map.of()).status()).isEqualTo(200);
    }

    @Test
    void aThrowingCheckFailsInsteadOfBreakingTheAnswer() {
        Healthz h = new Healthz().add("boom", () -> {
            throw new IllegalStateException("no database");
        }).add("fine", () -> HealthCheck.Result.ok(Map.of()));
        Healthz.Answer a = h.answer();
        assertThat(a.status()).isEqualTo(503);
        assertThat(a.json()).contains("IllegalStateException: no database");
    }

    @Test
    void recencyPassesUpToTheLimitAndFailsWhenNever() {
        assertThat(Healthz.recent("report", Duration.ofSeconds(10), Duration.ofSeconds(10)).ok()).isTrue();
        assertThat(Healthz.recent("report", Duration.ofMillis(10_001), Duration.ofSeconds(10)).ok()).isFalse();
        HealthCheck.Result never = Healthz.recent("report", null, Duration.ofSeconds(10));
        assertThat(never.ok()).isFalse();
        assertThat(never.details()).containsEntry("report", "never");
    }
}
