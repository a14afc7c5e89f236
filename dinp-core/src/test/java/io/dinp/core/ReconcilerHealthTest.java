package io.dinp.core;

import static io.dinp.core.Fixtures.T0;
import static io.dinp.core.Fixtures.app;
import static org.assertj.core.api.Assertions.assertThat;

import io.dinp.model.AppHealth;
import io.dinp.model.AppSpec;
import io.dinp.model.ContainerState;
import io.dinp.model.HealthPhase;
import io.dinp.model.InstanceHealth;
import io.dinp.model.InstanceSpec;
import io.dinp.model.RouteTable;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue 4's rules: routes follow health, unhealthy instances are replaced, failed rollouts go back. */
class ReconcilerHealthTest {
    private static final AppSpec V1 = app("a", 3, 64);
    private static final AppSpec V2 = new AppSpec("a", "img/a:v2", 3, 64, Map.of(), "/", 2);

    private static InstanceHealth unhealthy(Instant since, boolean everHealthy) {
        return new InstanceHealth(HealthPhase.UNHEALTHY, since, "status 500, expected 200-399", everHealthy, "hm1");
    }

    @Test
    void onlyHealthyInstancesAreRouted() {
        Fixtures f = new Fixtures().node("n1", 4096).app(V1);
        f.serving("a", "n1", "a1");
        f.withHealth(V1, "n1", "a2", InstanceHealth.starting(T0));
        f.withHealth(V1, "n1", "a3", unhealthy(T0, true));
        RouteTable t = RouteComputer.compute(f.snapshot(), 1);
        assertThat(t.apps().get("a")).extracting(b -> b.instanceId()).containsExactly("a1");
    }

    @Test
    void aStartingInstanceIsNeverKilledWhateverTheTime() {
        Fixtures f = new Fixtures().node("n1", 4096).app(app("a", 1, 64));
        f.withHealth(f.apps.get("a"), "n1", "a1", InstanceHealth.starting(T0));
        Plan p = f.plan(T0.plus(Duration.ofHours(1)));
        assertThat(p.stop()).isEmpty();
        assertThat(p.place()).isEmpty();
        assertThat(p.status().get("a").state()).isEqualTo("starting");
    }

    @Test
    void anUnhealthyInstanceStaysWithinTheLimitThenIsReplaced() {
        Fixtures f = new Fixtures().node("n1", 4096).app(V1);
        f.serving("a", "n1", "a1");
        f.serving("a", "n1", "a2");
        f.withHealth(V1, "n1", "a3", unhealthy(T0, true));

        Plan early = f.plan(T0.plusSeconds(9));
        assertThat(early.stop()).isEmpty();
        assertThat(early.place()).isEmpty();
        assertThat(early.nextWakeup()).isEqualTo(T0.plusSeconds(10));

        Plan due = f.plan(T0.plusSeconds(10));
        assertThat(due.stop()).containsOnlyKeys("a3");
        assertThat(due.stop().get("a3")).startsWith("unhealthy for 10 s: status 500");
        assertThat(due.place()).hasSize(1); // the first replacement is immediate
        assertThat(due.health().get("a").failures()).isEqualTo(1);
    }

    @Test
    void anInstanceThatNeverBecameHealthyFailedItsStartAndGoesAtOnce() {
        Fixtures f = new Fixtures().node("n1", 4096).app(app("a", 1, 64));
        f.withHealth(f.apps.get("a"), "n1", "a1", unhealthy(T0, false));
        Plan p = f.plan(T0);
        assertThat(p.stop().get("a1")).startsWith("never became healthy");
        assertThat(p.place()).hasSize(1);
    }

    @Test
    void aDrainingUnhealthyInstanceIsLeftToItsDrain() {
        Fixtures f = new Fixtures().node("n1", 4096).app(app("a", 1, 64));
        f.serving("a", "n1", "a1");
        var i = f.withHealth(f.apps.get("a"), "n1", "a2", unhealthy(T0, true));
        f.instances.remove(i);
        f.instances.add(i.draining(T0.plusSeconds(30)));
        Plan p = f.plan(T0.plusSeconds(20));
        assertThat(p.stop()).doesNotContainKey("a2");
    }

    @Test
    void aNewSpecThatNeverPassesItsCheckIsRolledBackAndOldInstancesStay() {
        Fixtures f = new Fixtures().node("n1", 4096).app(V2);
        f.serving(V1, "n1", "o1");
        f.serving(V1, "n1", "o2");
        f.serving(V1, "n1", "o3");
        f.withHealth(V2, "n1", "n1", unhealthy(T0, false));
        Plan p = f.plan(T0);
        assertThat(p.rollbacks()).containsOnlyKeys("a");
        Rollback r = p.rollbacks().get("a");
        assertThat(r.to().image()).isEqualTo("img/a:v1");
        assertThat(r.failedSpecHash()).isEqualTo(V2.specHash());
        assertThat(r.generation()).isEqualTo(2);
        assertThat(r.reason()).contains("a:v2 failed").contains("never became healthy").contains("going back to a:v1");
        assertThat(p.stop()).containsOnlyKeys("n1");
        assertThat(p.drain()).isEmpty();
        assertThat(p.place()).isEmpty();
        assertThat(p.status().get("a").state()).isEqualTo("rolling-back");
    }

    @Test
    void aNewSpecThatKeepsCrashingIsRolledBackAfterTheLimit() {
        Fixtures f = new Fixtures().node("n1", 4096).app(V2);
        f.serving(V1, "n1", "o1");
        f.serving(V1, "n1", "o2");
        f.serving(V1, "n1", "o3");
        f.health.put("a", new AppHealth(2, T0, "exited with code 1", 1));
        InstanceSpec spec = InstanceSpec.of("c1", V2, "n1");
        f.instances.add(io.dinp.model.Instance.assigned(spec, T0).withReport(new io.dinp.model.ContainerReport(
                "c1", "a", V2.specHash(), "c-c1", V2.image(), 64, ContainerState.EXITED, 0, false, 1, null)));
        Plan p = f.plan(T0);
        assertThat(p.rollbacks()).containsOnlyKeys("a");
        assertThat(p.rollbacks().get("a").reason()).contains("exited with code 1");
    }

    @Test
    void oneCrashDuringARolloutIsRetriedNotRolledBack() {
        Fixtures f = new Fixtures().node("n1", 4096).app(V2);
        f.serving(V1, "n1", "o1");
        f.withState("a", "n1", "c1", ContainerState.EXITED, 1, null);
        Plan p = f.plan(T0);
        assertThat(p.rollbacks()).isEmpty();
        assertThat(p.place()).hasSize(1);
    }

    @Test
    void withNothingOldServingThereIsNothingToGoBackTo() {
        Fixtures f = new Fixtures().node("n1", 4096).app(V2);
        f.withHealth(V1, "n1", "o1", InstanceHealth.starting(T0));
        f.withHealth(V2, "n1", "n1", unhealthy(T0, false));
        Plan p = f.plan(T0);
        assertThat(p.rollbacks()).isEmpty();
    }

    @Test
    void crashBackoffPersistsUntilEveryWantedInstanceServes() {
        Fixtures f = new Fixtures().node("n1", 4096).app(V1);
        f.serving("a", "n1", "a1");
        f.serving("a", "n1", "a2");
        f.health.put("a", new AppHealth(4, T0.plusSeconds(8), "exited with code 1", 1));
        Plan p = f.plan(T0.plusSeconds(1));
        assertThat(p.health()).doesNotContainKey("a"); // unchanged: still backing off
        assertThat(p.place()).isEmpty();
        assertThat(p.status().get("a").summary()).isEqualTo("crashing: 4 restarts, last exit 1, next try in 7 s");

        f.serving("a", "n1", "a3");
        Plan all = f.plan(T0.plusSeconds(1));
        assertThat(all.health().get("a")).isEqualTo(AppHealth.OK);
    }

    @Test
    void anOutOfMemoryCrashSaysSo() {
        Fixtures f = new Fixtures().node("n1", 4096).app(app("a", 1, 64));
        f.health.put("a", new AppHealth(1, T0, null, null));
        f.withState("a", "n1", "a1", ContainerState.EXITED, 137, "out of memory (limit 64 MB)");
        Plan p = f.plan(T0);
        // the first two retries are quick: the status says so only while one is waiting
        assertThat(p.health().get("a").lastExit()).isEqualTo(137);
        assertThat(p.status().get("a").state()).isIn("crashing", "starting");
        Fixtures g = new Fixtures().node("n1", 4096).app(app("a", 1, 64));
        g.health.put("a", p.health().get("a"));
        Plan q = g.plan(T0);
        assertThat(q.status().get("a").summary())
                .isEqualTo("crashing: 2 restarts, last exit 137, next try in 1 s (out of memory (limit 64 MB))");
    }
}
