package io.dinp.core;

import static io.dinp.core.Fixtures.T0;
import static io.dinp.core.Fixtures.app;
import static org.assertj.core.api.Assertions.assertThat;

import io.dinp.model.AppHealth;
import io.dinp.model.AppSpec;
import io.dinp.model.ContainerState;
import io.dinp.model.InstanceSpec;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ReconcilerTest {

    private static Map<String, Long> perNode(Plan p) {
        return p.place().stream().collect(Collectors.groupingBy(InstanceSpec::node, Collectors.counting()));
    }

    @Test
    void placesMissingInstancesSpreadAcrossNodes() {
        Fixtures f = new Fixtures().node("n1", 1024).node("n2", 1024).app(app("hello", 3, 128));
        Plan p = f.plan(T0);
        assertThat(p.place()).hasSize(3);
        assertThat(perNode(p)).containsOnlyKeys("n1", "n2");
        assertThat(p.stop()).isEmpty();
        assertThat(p.status().get("hello").state()).isEqualTo("starting");
    }

    @Test
    void reservesMemoryOfPlacementsInTheSamePass() {
        // 3 × 400 MB on two 1000 MB nodes: the third must not land on a node that already took two.
        Fixtures f = new Fixtures().node("n1", 1000).node("n2", 1000).app(app("big", 5, 400));
        Plan p = f.plan(T0);
        assertThat(p.place()).hasSize(4);
        assertThat(perNode(p)).containsEntry("n1", 2L).containsEntry("n2", 2L);
        assertThat(p.status().get("big").summary())
                .isEqualTo("pending: insufficient memory (needs 400 MB, largest free 200 MB)");
    }

    @Test
    void countsRunningAndDrainingInstancesAgainstTheNode() {
        Fixtures f = new Fixtures().node("n1", 512).app(app("a", 1, 256)).app(app("b", 2, 256));
        f.serving("a", "n1", "a1");
        f.draining("b", "n1", "b-old", T0.plusSeconds(5));
        Plan p = f.plan(T0);
        assertThat(p.place()).isEmpty();
        assertThat(p.status().get("b").state()).isEqualTo("pending");
    }

    @Test
    void insufficientMemoryLeavesRunningInstancesAndOtherAppsAlone() {
        Fixtures f = new Fixtures().node("n1", 1024).app(app("small", 1, 128)).app(app("huge", 1, 4096));
        f.serving("small", "n1", "s1");
        Plan p = f.plan(T0);
        assertThat(p.stop()).isEmpty();
        assertThat(p.drain()).isEmpty();
        assertThat(p.place()).isEmpty();
        assertThat(p.status().get("small").state()).isEqualTo("running");
        assertThat(p.status().get("huge").summary()).startsWith("pending: insufficient memory (needs 4096 MB");
    }

    @Test
    void noNodesMeansPendingWithAReason() {
        Fixtures f = new Fixtures().app(app("a", 1, 64));
        assertThat(f.plan(T0).status().get("a").summary()).isEqualTo("pending: no nodes available (no agent has reported)");
    }

    @Test
    void scaleDownDrainsServingInstancesBeforeStoppingThem() {
        Fixtures f = new Fixtures().node("n1", 4096).node("n2", 4096).app(app("a", 1, 64));
        f.serving("a", "n1", "a1");
        f.serving("a", "n1", "a2");
        f.serving("a", "n2", "a3");
        Plan p = f.plan(T0);
        assertThat(p.stop()).isEmpty();
        assertThat(p.drain()).hasSize(2);
        assertThat(p.drain().values()).allMatch(t -> t.equals(T0.plus(ReconcileSettings.DEFAULTS.drainGrace())));
        // keeps the spread: the one left is not on the node that had two
        assertThat(p.drain().keySet()).doesNotContain("a3").hasSize(2);
        assertThat(p.nextWakeup()).isEqualTo(T0.plus(ReconcileSettings.DEFAULTS.drainGrace()));
    }

    @Test
    void scaleDownStopsNotYetServingInstancesFirstAndAtOnce() {
        Fixtures f = new Fixtures().node("n1", 4096).app(app("a", 1, 64));
        f.serving("a", "n1", "a1");
        f.pending("a", "n1", "a2");
        Plan p = f.plan(T0);
        assertThat(p.stop()).containsOnlyKeys("a2");
        assertThat(p.drain()).isEmpty();
    }

    @Test
    void drainedInstancesStopWhenTheirGraceEnds() {
        Fixtures f = new Fixtures().node("n1", 4096).app(app("a", 1, 64));
        f.serving("a", "n1", "a1");
        f.draining("a", "n1", "a2", T0.plusSeconds(2));
        assertThat(f.plan(T0.plusSeconds(1)).stop()).isEmpty();
        assertThat(f.plan(T0.plusSeconds(1)).nextWakeup()).isEqualTo(T0.plusSeconds(2));
        assertThat(f.plan(T0.plusSeconds(2)).stop()).containsEntry("a2", "drained");
    }

    @Test
    void deadInstancesAreUnassignedAndReplaced() {
        Fixtures f = new Fixtures().node("n1", 4096).node("n2", 4096).app(app("a", 2, 64));
        f.serving("a", "n1", "a1");
        f.withState("a", "n2", "a2", ContainerState.GONE, null, null);
        Plan p = f.plan(T0);
        assertThat(p.stop()).containsEntry("a2", "container was removed");
        assertThat(p.place()).hasSize(1);
        assertThat(p.place().getFirst().node()).isEqualTo("n2");
    }

    @Test
    void instancesOnDownNodesMoveElsewhere() {
        Fixtures f = new Fixtures().node("n1", 4096).node("n2", 4096).app(app("a", 2, 64));
        f.serving("a", "n1", "a1");
        f.serving("a", "n2", "a2");
        f.down("n2");
        Plan p = f.plan(T0);
        assertThat(p.stop()).containsEntry("a2", "node n2 is down");
        assertThat(p.place()).extracting(InstanceSpec::node).containsExactly("n1");
    }

    @Test
    void failuresBackOffExponentiallyAndStatusSaysWhy() {
        Fixtures f = new Fixtures().node("n1", 4096).app(app("a", 1, 64));
        f.withState("a", "n1", "a1", ContainerState.FAILED, null, "image \"img/a:v1\" not found");
        Plan first = f.plan(T0);
        assertThat(first.place()).hasSize(1); // first retry is immediate
        assertThat(first.health().get("a").failures()).isEqualTo(1);

        Fixtures g = new Fixtures().node("n1", 4096).app(app("a", 1, 64));
        g.health.put("a", first.health().get("a"));
        g.withState("a", "n1", "a2", ContainerState.EXITED, 1, null);
        Plan second = g.plan(T0.plusSeconds(1));
        assertThat(second.place()).isEmpty();
        assertThat(second.health().get("a").failures()).isEqualTo(2);
        assertThat(second.nextWakeup()).isEqualTo(T0.plusSeconds(2));
        assertThat(second.status().get("a").summary()).isEqualTo("crashing: 2 restarts, last exit 1, next try in 1 s");
    }

    @Test
    void settingsRefuseARolloutThatCouldNeverFinish() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ReconcileSettings(Duration.ofSeconds(2), 0,
                Duration.ofSeconds(1), Duration.ofSeconds(60))).hasMessageContaining("maxSurge");
    }

    @Test
    void aMemoryShortageIsReportedEvenAfterFailures() {
        Fixtures f = new Fixtures().node("n1", 1024).app(app("a", 1, 2048));
        f.health.put("a", new AppHealth(1, T0.minusSeconds(1), "exited with code 1"));
        assertThat(f.plan(T0).status().get("a").summary())
                .isEqualTo("pending: insufficient memory (needs 2048 MB, largest free 1024 MB)");
    }

    @Test
    void backoffIsCapped() {
        ReconcileSettings s = ReconcileSettings.DEFAULTS;
        assertThat(s.backoff(1)).isZero();
        assertThat(s.backoff(2)).isEqualTo(Duration.ofSeconds(1));
        assertThat(s.backoff(3)).isEqualTo(Duration.ofSeconds(2));
        assertThat(s.backoff(10)).isEqualTo(Duration.ofSeconds(60));
        assertThat(s.backoff(1000)).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void aServingInstanceClearsTheFailureMemory() {
        Fixtures f = new Fixtures().node("n1", 4096).app(app("a", 1, 64));
        f.health.put("a", new AppHealth(3, T0.plusSeconds(10), "exited with code 1"));
        f.serving("a", "n1", "a1");
        Plan p = f.plan(T0);
        assertThat(p.health().get("a")).isEqualTo(AppHealth.OK);
        assertThat(p.status().get("a").state()).isEqualTo("running");
    }

    @Test
    void removedContainersDoNotCountAsCrashes() {
        Fixtures f = new Fixtures().node("n1", 4096).app(app("a", 1, 64));
        f.withState("a", "n1", "a1", ContainerState.GONE, null, null);
        assertThat(f.plan(T0).health()).isEmpty();
    }

    @Test
    void rollingUpdateSurgesOneThenRetiresOldOnlyWhenNewServes() {
        AppSpec v1 = app("a", 3, 64);
        AppSpec v2 = new AppSpec("a", "img/a:v2", 3, 64, Map.of(), "/", 2);
        Fixtures f = new Fixtures().node("n1", 4096).node("n2", 4096).app(v2);
        f.serving(v1, "n1", "o1");
        f.serving(v1, "n2", "o2");
        f.serving(v1, "n1", "o3");
        Plan p = f.plan(T0);
        assertThat(p.place()).hasSize(1);
        assertThat(p.place().getFirst().image()).isEqualTo("img/a:v2");
        assertThat(p.drain()).isEmpty();
        assertThat(p.stop()).isEmpty();
        assertThat(p.status().get("a").summary()).isEqualTo("deploying: 0/3 instances updated");

        // the new one is starting: nothing else happens
        f.pending("a", "n2", "c1");
        p = f.plan(T0);
        assertThat(p.place()).isEmpty();
        assertThat(p.drain()).isEmpty();

        // the new one serves: exactly one old leaves the routes
        f.instances.removeIf(i -> i.id().equals("c1"));
        f.serving("a", "n2", "c1");
        p = f.plan(T0);
        assertThat(p.drain()).hasSize(1);
        assertThat(p.place()).isEmpty(); // the surge is used by the draining one
    }

    @Test
    void rollingUpdateStopsOldInstancesThatDoNotServeAtOnce() {
        AppSpec v1 = app("a", 1, 64);
        AppSpec v2 = new AppSpec("a", "img/a:v2", 1, 64, Map.of(), "/", 2);
        Fixtures f = new Fixtures().node("n1", 4096).app(v2);
        f.apps.put("a", v1);
        f.pending("a", "n1", "o1");
        f.apps.put("a", v2);
        Plan p = f.plan(T0);
        assertThat(p.stop()).containsKey("o1");
        assertThat(p.place()).hasSize(1);
    }

    @Test
    void rollingUpdateWithoutRoomForTheSurgeKeepsOldInstances() {
        AppSpec v1 = app("a", 2, 512);
        AppSpec v2 = new AppSpec("a", "img/a:v2", 2, 512, Map.of(), "/", 2);
        Fixtures f = new Fixtures().node("n1", 1024).app(v2);
        f.serving(v1, "n1", "o1");
        f.serving(v1, "n1", "o2");
        Plan p = f.plan(T0);
        assertThat(p.place()).isEmpty();
        assertThat(p.drain()).isEmpty();
        assertThat(p.stop()).isEmpty();
        assertThat(p.status().get("a").state()).isEqualTo("pending");
    }

    @Test
    void deletedAppsLeaveTheRoutesThenStop() {
        Fixtures f = new Fixtures().node("n1", 4096).app(app("a", 1, 64));
        f.serving("a", "n1", "a1");
        f.pending("a", "n1", "a2");
        f.apps.clear();
        Plan p = f.plan(T0);
        assertThat(p.drain()).containsOnlyKeys("a1");
        assertThat(p.stop()).containsOnlyKeys("a2");
        assertThat(p.status()).isEmpty();
    }

    @Test
    void steadyStateDoesNothing() {
        Fixtures f = new Fixtures().node("n1", 4096).node("n2", 4096).app(app("a", 2, 64));
        f.serving("a", "n1", "a1");
        f.serving("a", "n2", "a2");
        Plan p = f.plan(T0);
        assertThat(p.changesAssignments()).isFalse();
        assertThat(p.nextWakeup()).isNull();
        assertThat(p.status().get("a").summary()).isEqualTo("running: 2/2 instances running");
    }

    @Test
    void anAppWithoutAnImageWaitsForItsFirstRelease() {
        Fixtures f = new Fixtures().node("n1", 4096).app(new AppSpec("a", "", 2, 64, Map.of(), "/", 1));
        Plan p = f.plan(T0);
        assertThat(p.place()).isEmpty();
        assertThat(p.status().get("a").summary()).startsWith("pending: no image yet");
    }

    @Test
    void scaledToZeroIsStopped() {
        Fixtures f = new Fixtures().node("n1", 4096).app(app("a", 0, 64));
        assertThat(f.plan(T0).status().get("a").summary()).isEqualTo("stopped: scaled to 0 instances");
    }

    @Test
    void leastAllocatedNodeWinsWhenSpreadIsEqual() {
        Fixtures f = new Fixtures().node("n1", 1024).node("n2", 1024).app(app("a", 1, 64)).app(app("b", 1, 512));
        f.serving("b", "n1", "b1");
        assertThat(f.plan(T0).place()).extracting(InstanceSpec::node).containsExactly("n2");
    }

    @Test
    void oneReconcilerPlanningPassAfterPassSeesEachNewSpec() {
        Reconciler r = new Reconciler(ReconcileSettings.DEFAULTS);
        Fixtures f = new Fixtures().node("n1", 1024).app(app("hello", 1, 128));
        f.serving("hello", "n1", "h1");
        assertThat(r.plan(f.snapshot(), T0, Fixtures.ids()).changesAssignments()).isFalse();

        AppSpec v2 = new AppSpec("hello", "img/hello:v2", 1, 128, Map.of(), "/", 2);
        f.app(v2);
        Plan p = r.plan(f.snapshot(), T0, Fixtures.ids());
        assertThat(p.place()).singleElement().satisfies(spec -> {
            assertThat(spec.image()).isEqualTo("img/hello:v2");
            assertThat(spec.specHash()).isEqualTo(v2.specHash());
        });
        assertThat(p.status().get("hello").state()).isEqualTo("deploying");
    }
}
