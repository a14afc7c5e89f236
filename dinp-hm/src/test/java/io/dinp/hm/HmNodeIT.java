package io.dinp.hm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dinp.hm.TestHealthServer.Mode;
import io.dinp.model.HealthMonitors;
import io.dinp.model.HealthPhase;
import io.dinp.model.HealthReport;
import io.dinp.model.HealthSettings;
import io.dinp.model.HealthTarget;
import io.dinp.model.HmTargets;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A health monitor against a server that lives in the test: targets in, transitions out, retries. */
class HmNodeIT {
    static final HealthSettings FAST = HealthSettings.DEFAULTS.withTiming(Duration.ofMillis(200), Duration.ofMillis(200));

    /** The server's side, in memory: hands out fixed targets, records reports, may refuse some. */
    static final class FakeServer implements HealthMonitors {
        volatile HmTargets targets = new HmTargets("0", 1, List.of());
        final List<HealthReport> reports = new CopyOnWriteArrayList<>();
        final AtomicInteger refuse = new AtomicInteger();
        final Map<String, Integer> polls = new ConcurrentHashMap<>();

        @Override
        public Optional<HmTargets> targets(String hmId, String knownHash, Duration wait) throws InterruptedException {
            polls.merge(hmId, 1, Integer::sum);
            HmTargets t = targets;
            if (t.hash().equals(knownHash)) {
                Thread.sleep(Math.min(wait.toMillis(), 50));
                return Optional.empty();
            }
            return Optional.of(t);
        }

        @Override
        public void report(String hmId, List<HealthReport> batch) throws IOException {
            if (refuse.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new IOException("server restarting");
            }
            reports.addAll(batch);
        }

        HealthPhase last(String id) {
            return reports.stream().filter(r -> r.instanceId().equals(id)).reduce((a, b) -> b).map(HealthReport::phase).orElse(null);
        }
    }

    static HealthTarget target(String id, int port, HealthPhase phase) {
        return new HealthTarget(id, "web", "127.0.0.1", port, FAST, phase, Instant.now());
    }

    @Test
    void reportsTransitionsAndRetriesUntilTheServerTakesThem() throws Exception {
        FakeServer server = new FakeServer();
        try (TestHealthServer app = new TestHealthServer(Mode.OK);
             HmNode hm = new HmNode("hm-a", server, Clock.systemUTC())) {
            server.refuse.set(2);
            server.targets = new HmTargets("1", 1, List.of(target("i1", app.port(), HealthPhase.STARTING)));
            hm.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> server.last("i1") == HealthPhase.HEALTHY);
            HealthReport r = server.reports.getFirst();
            assertThat(r.port()).isEqualTo(app.port());
            assertThat(r.reason()).isEqualTo("passed its check");
            assertThat(hm.targets()).isEqualTo(1);

            app.mode = Mode.ERROR;
            await().atMost(Duration.ofSeconds(10)).until(() -> server.last("i1") == HealthPhase.UNHEALTHY);
            assertThat(server.reports.getLast().reason()).contains("status 500");
        }
    }

    @Test
    void aTargetHandedOverAsHealthyStaysQuietAndARemovedOneIsForgotten() throws Exception {
        FakeServer server = new FakeServer();
        try (TestHealthServer app = new TestHealthServer(Mode.OK);
             HmNode hm = new HmNode("hm-b", server, Clock.systemUTC())) {
            server.targets = new HmTargets("1", 2, List.of(target("i1", app.port(), HealthPhase.HEALTHY)));
            hm.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> hm.checksCompleted() >= 5);
            assertThat(server.reports).isEmpty();

            server.targets = new HmTargets("2", 2, List.of());
            await().atMost(Duration.ofSeconds(10)).until(() -> hm.targets() == 0);
            app.mode = Mode.ERROR;
            long checks = hm.checksCompleted();
            Thread.sleep(600);
            assertThat(hm.checksCompleted()).isEqualTo(checks);
            assertThat(server.reports).isEmpty();
        }
    }

    @Test
    void whenTheServerLostNewsTheMonitorTellsItAgain() throws Exception {
        FakeServer server = new FakeServer();
        try (TestHealthServer app = new TestHealthServer(Mode.OK);
             HmNode hm = new HmNode("hm-c", server, Clock.systemUTC())) {
            server.targets = new HmTargets("1", 1, List.of(target("i1", app.port(), HealthPhase.STARTING)));
            hm.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> server.last("i1") == HealthPhase.HEALTHY);
            int before = server.reports.size();
            // a restarted server hands the instance out again as STARTING (a new epoch, a new hash)
            server.targets = new HmTargets("restarted", 1, List.of(target("i1", app.port(), HealthPhase.STARTING)));
            await().atMost(Duration.ofSeconds(10)).until(() -> server.reports.size() > before);
            assertThat(server.reports.getLast().phase()).isEqualTo(HealthPhase.HEALTHY);
            assertThat(server.polls.get("hm-c")).isGreaterThan(1);
        }
    }
}
