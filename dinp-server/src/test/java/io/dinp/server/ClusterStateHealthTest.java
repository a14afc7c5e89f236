package io.dinp.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.dinp.core.Plan;
import io.dinp.model.AppSpec;
import io.dinp.model.ContainerReport;
import io.dinp.model.ContainerState;
import io.dinp.model.HealthPhase;
import io.dinp.model.HealthReport;
import io.dinp.model.HealthSettings;
import io.dinp.model.HealthTarget;
import io.dinp.model.HmTargets;
import io.dinp.model.InstanceSpec;
import io.dinp.model.NodeReport;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import io.dinp.testkit.MutableClock;
import org.junit.jupiter.api.Test;

/** The server's side of the health monitors: shares, ownership, and health news. */
class ClusterStateHealthTest {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final HealthSettings CHECK = HealthSettings.DEFAULTS.withPath("/ready").withBodyContains("ok");
    static final AppSpec APP = new AppSpec("web", "img:v1", 40, 16, Map.of(), CHECK, 1);


    final MutableClock clock = new MutableClock(T0);
    final ClusterState state = new ClusterState(clock, Duration.ofSeconds(10), Duration.ofSeconds(3));

    /** 40 running instances on two nodes, placed by a plan (not adopted), so they start STARTING. */
    void world() {
        state.desired(Map.of("web", APP));
        state.report(new NodeReport("n1", "10.0.0.1", 4096, List.of()));
        state.report(new NodeReport("n2", "10.0.0.2", 4096, List.of()));
        List<InstanceSpec> place = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            place.add(InstanceSpec.of("i" + i, APP, i % 2 == 0 ? "n1" : "n2"));
        }
        state.apply(new Plan(place, Map.of(), Map.of(), Map.of(), Map.of(), null), T0);
        List<ContainerReport> n1 = new ArrayList<>();
        List<ContainerReport> n2 = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            (i % 2 == 0 ? n1 : n2).add(new ContainerReport("i" + i, "web", APP.specHash(), "c" + i, "img:v1", 16,
                    ContainerState.RUNNING, 30000 + i, true, null, null));
        }
        state.report(new NodeReport("n1", "10.0.0.1", 4096, n1));
        state.report(new NodeReport("n2", "10.0.0.2", 4096, n2));
    }

    HmTargets poll(String hm) throws InterruptedException {
        return state.awaitTargets(hm, "", Duration.ZERO).orElseThrow();
    }

    static Set<String> ids(HmTargets t) {
        Set<String> s = new HashSet<>();
        t.targets().forEach(x -> s.add(x.instanceId()));
        return s;
    }

    @Test
    void oneMonitorGetsEveryRunningInstanceWithItsAppsCheck() throws Exception {
        world();
        HmTargets t = poll("hm1");
        assertThat(t.targets()).hasSize(40);
        assertThat(t.monitors()).isEqualTo(1);
        HealthTarget first = t.targets().stream().filter(x -> x.instanceId().equals("i1")).findFirst().orElseThrow();
        assertThat(first.host()).isEqualTo("10.0.0.2");
        assertThat(first.port()).isEqualTo(30001);
        assertThat(first.settings()).isEqualTo(CHECK);
        assertThat(first.phase()).isEqualTo(HealthPhase.STARTING);
    }

    @Test
    void monitorsSplitTheInstancesWithoutOverlapAndADeadOnesShareMoves() throws Exception {
        world();
        poll("hm1");
        poll("hm2");
        Set<String> a = ids(poll("hm1"));
        Set<String> b = ids(poll("hm2"));
        assertThat(a).doesNotContainAnyElementsOf(b);
        assertThat(a.size() + b.size()).isEqualTo(40);
        assertThat(a).isNotEmpty();
        assertThat(b).isNotEmpty();

        clock.set(T0.plusSeconds(2));
        poll("hm1"); // hm2 stays silent
        clock.set(T0.plusSeconds(4));
        HmTargets all = poll("hm1");
        assertThat(all.monitors()).isEqualTo(1);
        assertThat(ids(all)).hasSize(40).containsAll(b);
        assertThat(state.monitors()).containsExactly("hm1");
    }

    @Test
    void anUnchangedShareIsNotSentAgainUntilSomethingChanges() throws Exception {
        world();
        HmTargets t = poll("hm1");
        assertThat(state.awaitTargets("hm1", t.hash(), Duration.ofMillis(50))).isEmpty();
        // a health transition alone does not change what to check
        state.health("hm1", List.of(new HealthReport("i0", 30000, HealthPhase.HEALTHY, T0, "passed")));
        assertThat(state.awaitTargets("hm1", t.hash(), Duration.ZERO)).isEmpty();
        state.desired(Map.of("web", APP.withHealth(CHECK.withPath("/other"))));
        assertThat(state.awaitTargets("hm1", t.hash(), Duration.ZERO)).isPresent();
    }

    @Test
    void healthNewsRoutesTheInstanceAndOnlyTheOwnerIsHeard() throws Exception {
        world();
        poll("hm1");
        poll("hm2");
        Set<String> ofHm2 = ids(poll("hm2"));
        String theirs = ofHm2.iterator().next();
        int port = 30000 + Integer.parseInt(theirs.substring(1));

        assertThat(state.health("hm1", List.of(new HealthReport(theirs, port, HealthPhase.HEALTHY, T0, "passed")))).isFalse();
        assertThat(state.instances("web").stream().filter(i -> i.id().equals(theirs)).findFirst().orElseThrow().ready()).isFalse();

        assertThat(state.health("hm2", List.of(new HealthReport(theirs, port, HealthPhase.HEALTHY, T0, "passed")))).isTrue();
        var info = state.instances("web").stream().filter(i -> i.id().equals(theirs)).findFirst().orElseThrow();
        assertThat(info.ready()).isTrue();
        assertThat(info.health()).isEqualTo("healthy");
        assertThat(info.checkedBy()).isEqualTo("hm2");
        assertThat(info.state()).isEqualTo("running");

        // news about another process behind the same instance (another port) is dropped
        assertThat(state.health("hm2", List.of(new HealthReport(theirs, port + 1000, HealthPhase.UNHEALTHY, T0, "x")))).isFalse();
        assertThat(state.health("hm2", List.of(new HealthReport(theirs, port, HealthPhase.UNHEALTHY, T0,
                "status 500, expected 200-399")))).isTrue();
        info = state.instances("web").stream().filter(i -> i.id().equals(theirs)).findFirst().orElseThrow();
        assertThat(info.state()).isEqualTo("unhealthy");
        assertThat(info.healthReason()).isEqualTo("status 500, expected 200-399");
        assertThat(info.ready()).isFalse();
    }

    @Test
    void adoptedInstancesThatAcceptConnectionsKeepServingAcrossAServerRestart() throws Exception {
        state.desired(Map.of("web", APP));
        state.report(new NodeReport("n1", "10.0.0.1", 4096, List.of(new ContainerReport("a1", "web", APP.specHash(),
                "c1", "img:v1", 16, ContainerState.RUNNING, 31000, true, null, null))));
        assertThat(state.instances("web").getFirst().ready()).isTrue();
        assertThat(poll("hm1").targets().getFirst().phase()).isEqualTo(HealthPhase.HEALTHY);
    }

    @Test
    void withoutAnyMonitorTheStatusSaysWhyNothingBecomesHealthy() throws Exception {
        world();
        state.apply(new Plan(List.of(), Map.of(), Map.of(),
                Map.of("web", new io.dinp.model.AppStatus("starting", "0/40 instances running", 40, 0, 40)), Map.of(), null), T0);
        assertThat(state.status("web").orElseThrow().reason()).endsWith("no health monitor is running (start `dinp hm`)");
        poll("hm1");
        assertThat(state.status("web").orElseThrow().reason()).isEqualTo("0/40 instances running");
    }

    @Test
    void anExitedContainersLastLinesShowWhileTheAppCrashes() {
        world();
        state.report(new NodeReport("n1", "10.0.0.1", 4096, List.of(new ContainerReport("i0", "web", APP.specHash(),
                "c0", "img:v1", 16, ContainerState.EXITED, 30000, false, 1, "exited with code 1",
                List.of("starting", "panic: no DATABASE_URL")))));
        state.apply(new Plan(List.of(), Map.of(), Map.of("i0", "exited"),
                Map.of("web", new io.dinp.model.AppStatus("crashing", "1 restart, last exit 1, restarting now", 40, 0, 39)),
                Map.of(), null), T0);
        assertThat(state.status("web").orElseThrow().lastLog()).containsExactly("starting", "panic: no DATABASE_URL");
    }
}
