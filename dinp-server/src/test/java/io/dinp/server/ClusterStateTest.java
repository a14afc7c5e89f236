package io.dinp.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dinp.core.Plan;
import io.dinp.model.AppSpec;
import io.dinp.model.Assignment;
import io.dinp.model.ContainerReport;
import io.dinp.model.ContainerState;
import io.dinp.model.ControlPlane;
import io.dinp.model.InstanceSpec;
import io.dinp.model.NodeReport;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClusterStateTest {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final AppSpec HELLO = new AppSpec("hello", "img:v1", 2, 128, Map.of("A", "1"), "/", 1);

    final ClusterState state = new ClusterState(Clock.fixed(T0, ZoneOffset.UTC), Duration.ofSeconds(10));

    static ContainerReport running(String id, AppSpec app) {
        return new ContainerReport(id, app.name(), app.specHash(), "c" + id, app.image(), app.memoryMb(),
                ContainerState.RUNNING, 31000, true, null, null);
    }

    static Plan emptyPlan() {
        return new Plan(List.of(), Map.of(), Map.of(), Map.of(), Map.of(), null);
    }

    @Test
    void adoptsContainersOfDesiredAppsBeforeTheFirstPlan() {
        state.desired(Map.of("hello", HELLO));
        ContainerReport orphan = running("x1", new AppSpec("gone", "img:v1", 1, 64, Map.of(), "/", 1));
        assertThat(state.report(new NodeReport("n1", "10.0.0.1", 1024, List.of(running("a1", HELLO), orphan)))).isTrue();
        Assignment a = state.assignment("n1");
        assertThat(a.instances()).extracting(InstanceSpec::id).containsExactly("a1");
        assertThat(a.instances().getFirst().env()).isEqualTo(Map.of("A", "1"));
        assertThat(state.instances("hello").getFirst().state()).isEqualTo("running");
    }

    @Test
    void anAdoptedInstanceOfTheCurrentSpecKeepsItsSealedSecrets() {
        AppSpec secret = new AppSpec("vault", "img:v1", 1, 64, Map.of("A", "1"),
                Map.of("TOKEN", "dinp:v1:0a1b2c3d:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8"),
                io.dinp.model.HealthSettings.DEFAULTS, 1);
        state.desired(Map.of("vault", secret));
        state.report(new NodeReport("n1", "10.0.0.1", 1024, List.of(running("v1", secret))));
        InstanceSpec adopted = state.assignment("n1").instances().getFirst();
        assertThat(adopted.secretEnv()).isEqualTo(secret.secretEnv());
        assertThat(adopted.specHash()).isEqualTo(secret.specHash());
    }

    @Test
    void doesNotAdoptAfterTheFirstPlanSoRemovedInstancesStayRemoved() {
        state.desired(Map.of("hello", HELLO));
        state.report(new NodeReport("n1", "10.0.0.1", 1024, List.of()));
        state.apply(emptyPlan(), T0);
        state.report(new NodeReport("n1", "10.0.0.1", 1024, List.of(running("a1", HELLO))));
        assertThat(state.assignment("n1").instances()).isEmpty();
    }

    @Test
    void waitingForAnUnknownNodeAsksForAReportFirst() {
        assertThatThrownBy(() -> state.awaitChange("n9", state.epoch(), 0, Duration.ZERO))
                .isInstanceOf(ControlPlane.UnknownNodeException.class);
    }

    @Test
    void anotherEpochGetsTheAssignmentAtOnceAndTheSameVersionWaits() throws Exception {
        state.report(new NodeReport("n1", "10.0.0.1", 1024, List.of()));
        assertThat(state.awaitChange("n1", "old-epoch", 5, Duration.ofSeconds(5))).isPresent();
        assertThat(state.awaitChange("n1", state.epoch(), 0, Duration.ofMillis(1))).isEmpty();
    }

    @Test
    void placingBumpsTheVersionOfThatNodeOnly() throws Exception {
        state.desired(Map.of("hello", HELLO));
        state.report(new NodeReport("n1", "10.0.0.1", 1024, List.of()));
        state.report(new NodeReport("n2", "10.0.0.2", 1024, List.of()));
        Plan p = new Plan(List.of(InstanceSpec.of("a1", HELLO, "n1")), Map.of(), Map.of(), Map.of(), Map.of(), null);
        state.apply(p, T0);
        assertThat(state.assignment("n1").version()).isEqualTo(1);
        assertThat(state.assignment("n2").version()).isZero();
        assertThat(state.awaitChange("n1", state.epoch(), 0, Duration.ZERO)).get()
                .extracting(a -> a.instances().size()).isEqualTo(1);
        assertThat(state.nodes()).extracting(n -> n.allocatedMb()).containsExactly(128, 0);
    }

    @Test
    void reportsFromAnotherNodeDoNotMoveAnInstance() {
        state.desired(Map.of("hello", HELLO));
        state.report(new NodeReport("n1", "10.0.0.1", 1024, List.of(running("a1", HELLO))));
        state.report(new NodeReport("n2", "10.0.0.2", 1024, List.of(running("a1", HELLO))));
        assertThat(state.instances("hello")).singleElement().extracting(i -> i.node()).isEqualTo("n1");
    }

    @Test
    void aNodeShowsWhereItsAgentServesLogs() {
        state.report(new NodeReport("n1", "10.0.0.1", 1024, List.of(), "http://10.0.0.1:7073"));
        state.report(new NodeReport("n2", "10.0.0.2", 1024, List.of()));
        assertThat(state.nodes()).extracting(n -> n.logUrl()).containsExactly("http://10.0.0.1:7073", null);
    }

    @Test
    void aRevokedNodeIsGoneAtOnceAndStaysGoneUntilItJoinsAgain() {
        state.desired(Map.of("hello", HELLO));
        state.report(new NodeReport("n1", "10.0.0.1", 1024, List.of(running("a1", HELLO))));
        state.report(new NodeReport("n2", "10.0.0.2", 1024, List.of()));
        assertThat(state.snapshot(Map.of("hello", HELLO), T0).nodeUp("n1")).isTrue();

        assertThat(state.revoke("n1")).isTrue();
        assertThat(state.revoke("n1")).as("once is enough").isFalse();
        assertThat(state.snapshot(Map.of("hello", HELLO), T0).nodeUp("n1")).as("no waiting for the node timeout").isFalse();
        assertThat(state.nodes()).extracting(n -> n.status()).containsExactly("revoked", "up");
        assertThat(state.report(new NodeReport("n1", "10.0.0.1", 1024, List.of()))).as("a late report changes nothing").isFalse();
        assertThat(state.nextNodeExpiry(T0)).isEqualTo(T0.plusSeconds(10).plusMillis(1));

        state.readmit("n1");
        state.report(new NodeReport("n1", "10.0.0.1", 1024, List.of()));
        assertThat(state.nodes()).extracting(n -> n.status()).containsExactly("up", "up");
    }

    @Test
    void eachNodesAssignmentFollowsPlacementsAndStopsSortedById() {
        state.desired(Map.of("hello", HELLO));
        state.report(new NodeReport("n1", "10.0.0.1", 1024, List.of(running("m1", HELLO))));
        state.report(new NodeReport("n2", "10.0.0.2", 1024, List.of()));
        state.apply(new Plan(List.of(InstanceSpec.of("z1", HELLO, "n1"), InstanceSpec.of("b1", HELLO, "n1"),
                InstanceSpec.of("c2", HELLO, "n2")), Map.of(), Map.of(), Map.of(), Map.of(), null), T0);
        assertThat(state.assignment("n1").instances()).extracting(InstanceSpec::id).containsExactly("b1", "m1", "z1");
        assertThat(state.assignment("n2").instances()).extracting(InstanceSpec::id).containsExactly("c2");

        state.apply(new Plan(List.of(), Map.of("m1", T0.plusSeconds(2)), Map.of("z1", "scaled down", "c2", "scaled down"),
                Map.of(), Map.of(), null), T0);
        state.report(new NodeReport("n1", "10.0.0.1", 1024, List.of(running("b1", HELLO), running("m1", HELLO))));
        assertThat(state.assignment("n1").instances()).extracting(InstanceSpec::id).containsExactly("b1", "m1");
        assertThat(state.assignment("n2").instances()).isEmpty();
        assertThat(state.assignment("n3").instances()).isEmpty();
        assertThat(state.nodes()).extracting(n -> n.instances() + "/" + n.allocatedMb()).containsExactly("2/256", "0/0");
    }

    @Test
    void aRetiredStateAnswersWaitingPollsAtOnceSoClientsFindTheNewLeader() throws Exception {
        state.report(new NodeReport("n1", "10.0.0.1", 1024, List.of()));
        var a = state.assignment("n1");
        var poll = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return state.awaitChange("n1", a.epoch(), a.version(), Duration.ofHours(1));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        var targets = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return state.awaitTargets("hm1", state.awaitTargets("hm1", "", Duration.ZERO).orElseThrow().hash(),
                        Duration.ofHours(1));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        state.retire();
        assertThat(poll.get()).isEmpty(); // an hour's poll ends with the retirement, whenever it started
        assertThat(targets.get()).isEmpty();
        assertThat(state.awaitChange("n1", a.epoch(), a.version(), Duration.ofHours(1))).isEmpty();
    }

    @Test
    void assignmentsCarryTheTermOfTheirState() {
        ClusterState elected = new ClusterState(Clock.fixed(T0, ZoneOffset.UTC), Duration.ofSeconds(10),
                ClusterState.DEFAULT_MONITOR_TIMEOUT, 7);
        elected.report(new NodeReport("n1", "10.0.0.1", 1024, List.of()));
        assertThat(elected.assignment("n1").term()).isEqualTo(7);
        assertThat(state.assignment("n1").term()).isZero();
    }
}
