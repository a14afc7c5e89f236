package io.dinp.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.dinp.model.AppSpec;
import io.dinp.model.Instance;
import io.dinp.model.InstanceSpec;
import io.dinp.model.NodeView;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Safety rules one plan must satisfy against the snapshot it was made from; shared by the
 * single-pass property tests and the multi-pass simulation. The world is the plan's input (checked
 * before the plan is applied); {@code ctx} describes it.
 */
final class PlanInvariants {
    private PlanInvariants() {
    }

    static void all(RandomWorld w, Plan p, Supplier<String> ctx) {
        noOverCommit(w, p, ctx);
        placementsValid(w, p, ctx);
        servingLeaveThroughDrain(w, p, ctx);
        rolloutSafe(w, p, ctx);
    }

    /** Property 1: what stays assigned (existing not stopped, draining included) plus what is placed fits every up node. */
    static void noOverCommit(RandomWorld w, Plan p, Supplier<String> ctx) {
        ClusterSnapshot s = w.snapshot();
        Map<String, Integer> used = new TreeMap<>();
        s.instances().stream().filter(i -> !p.stop().containsKey(i.id()))
                .forEach(i -> used.merge(i.node(), i.spec().memoryMb(), Integer::sum));
        p.place().forEach(spec -> used.merge(spec.node(), spec.memoryMb(), Integer::sum));
        for (NodeView n : s.nodes().values()) {
            if (n.up()) {
                assertThat(used.getOrDefault(n.id(), 0)).as(() -> "memory on " + n.id() + "\n" + ctx.get())
                        .isLessThanOrEqualTo(n.memoryMb());
            }
        }
    }

    /** Property 2: up nodes only, fresh unique ids, the app's current spec. */
    static void placementsValid(RandomWorld w, Plan p, Supplier<String> ctx) {
        ClusterSnapshot s = w.snapshot();
        Set<String> existing = s.instances().stream().map(Instance::id).collect(Collectors.toSet());
        Set<String> seen = new HashSet<>();
        for (InstanceSpec spec : p.place()) {
            assertThat(s.nodeUp(spec.node())).as(() -> "placed on down/unknown node: " + spec + "\n" + ctx.get()).isTrue();
            assertThat(seen.add(spec.id()) && !existing.contains(spec.id()))
                    .as(() -> "placed id not fresh/unique: " + spec.id() + "\n" + ctx.get()).isTrue();
            AppSpec app = s.apps().get(spec.app());
            assertThat(app).as(() -> "placed for an app that is not desired: " + spec + "\n" + ctx.get()).isNotNull();
            assertThat(spec).as(() -> "placed spec differs from the app's current spec\n" + ctx.get())
                    .isEqualTo(InstanceSpec.of(spec.id(), app, spec.node()));
        }
    }

    /**
     * Property 3, checked for every app (desired or deleted): an instance that would serve traffic is
     * never stopped directly — it is drained, and only stopped once its drain time passed. Dead
     * instances and instances on down/unknown nodes always stop. Drain and stop never overlap.
     */
    static void servingLeaveThroughDrain(RandomWorld w, Plan p, Supplier<String> ctx) {
        ClusterSnapshot s = w.snapshot();
        Instant now = w.now;
        for (Instance i : s.instances()) {
            boolean stopped = p.stop().containsKey(i.id());
            Supplier<String> what = () -> i.id() + " (" + i.state() + ", draining=" + i.isDraining() + ")\n" + ctx.get();
            if (i.isDead() || !s.nodeUp(i.node())) {
                assertThat(stopped).as(() -> "dead or lost instance not stopped: " + what.get()).isTrue();
            } else if (i.isDraining()) {
                assertThat(stopped).as(() -> "draining instance stop != drain time passed: " + what.get())
                        .isEqualTo(!now.isBefore(i.drainUntil()));
                assertThat(p.drain()).as(() -> "drained twice: " + what.get()).doesNotContainKey(i.id());
            } else if (i.isServing()) {
                assertThat(stopped).as(() -> "serving instance stopped without a drain: " + what.get()).isFalse();
            }
            if (p.drain().containsKey(i.id())) {
                assertThat(i.isServing() && s.nodeUp(i.node()))
                        .as(() -> "drained an instance that does not serve: " + what.get()).isTrue();
                assertThat(stopped).as(() -> "both drained and stopped: " + what.get()).isFalse();
                assertThat(p.drain().get(i.id())).isEqualTo(now.plus(w.settings.drainGrace()));
            }
        }
        Set<String> existing = s.instances().stream().map(Instance::id).collect(Collectors.toSet());
        assertThat(existing).as(() -> "drain/stop of unknown ids\n" + ctx.get())
                .containsAll(p.drain().keySet()).containsAll(p.stop().keySet());
    }

    /**
     * Property 4, per desired app, where "live" = assigned, alive, on an up node, drain time not passed:
     * <ul>
     * <li>serving after ≥ min(desired, serving before); drains take only the excess over desired;
     * <li>current-spec, non-draining instances after the plan ≤ desired (no over-provisioning);
     * <li>during a rollout (a live, non-draining instance has an old specHash) the code's rule is
     *     {@code live + placed ≤ desired + maxSurge} whenever it places, so the app's assigned count
     *     after the plan (live not stopped, draining included, + placed) ≤ max(desired + maxSurge, live
     *     before) — it may stay above the bound (e.g. scaled down mid-rollout) but never grows past it;
     * <li>during a rollout, not-yet-serving new instances (+ placed) ≤ maxSurge whenever it places.
     * </ul>
     * The code counts a rollout only while a non-draining old instance is live; once every old one is
     * draining the app is scaled like any other (draining ones do not hold back placements), so the
     * surge bound is checked exactly while a non-draining old instance is live.
     */
    static void rolloutSafe(RandomWorld w, Plan p, Supplier<String> ctx) {
        ClusterSnapshot s = w.snapshot();
        Instant now = w.now;
        int surge = w.settings.maxSurge();
        for (AppSpec app : s.apps().values()) {
            String hash = app.specHash();
            int want = app.instances();
            List<Instance> live = s.instances().stream()
                    .filter(i -> i.app().equals(app.name()) && !i.isDead() && s.nodeUp(i.node()))
                    .filter(i -> !i.isDraining() || now.isBefore(i.drainUntil())).toList();
            long placed = p.place().stream().filter(i -> i.app().equals(app.name())).count();
            long servingBefore = live.stream().filter(Instance::isServing).count();
            long servingAfter = live.stream().filter(i -> i.isServing() && kept(p, i)).count();
            long drained = live.stream().filter(i -> p.drain().containsKey(i.id())).count();
            Supplier<String> where = () -> "app " + app.name() + " want=" + want + " servingBefore=" + servingBefore
                    + " servingAfter=" + servingAfter + " placed=" + placed + "\n" + ctx.get();
            assertThat(servingAfter).as(() -> "serving dropped below min(desired, before): " + where.get())
                    .isGreaterThanOrEqualTo(Math.min(want, servingBefore));
            assertThat(drained).as(() -> "drained more than the excess: " + where.get())
                    .isLessThanOrEqualTo(Math.max(0, servingBefore - want));
            long currentAfter = live.stream().filter(i -> i.spec().specHash().equals(hash) && !i.isDraining() && kept(p, i)).count()
                    + placed;
            assertThat(currentAfter).as(() -> "more current-spec instances than desired: " + where.get())
                    .isLessThanOrEqualTo(Math.max(want, 0));
            boolean rollout = live.stream().anyMatch(i -> !i.isDraining() && !i.spec().specHash().equals(hash));
            if (rollout) {
                long assignedAfter = live.stream().filter(i -> !p.stop().containsKey(i.id())).count() + placed;
                assertThat(assignedAfter).as(() -> "rollout surge bound exceeded: " + where.get())
                        .isLessThanOrEqualTo(Math.max(want + surge, live.size()));
                if (placed > 0) {
                    long newPending = live.stream().filter(i -> i.spec().specHash().equals(hash) && !i.isDraining()
                            && !i.isServing() && kept(p, i)).count() + placed;
                    assertThat(newPending).as(() -> "more than maxSurge new instances starting: " + where.get())
                            .isLessThanOrEqualTo(surge);
                }
            }
        }
    }

    /** Ids the plan drains or stops. */
    static Set<String> retired(Plan p) {
        Set<String> out = new HashSet<>(p.drain().keySet());
        out.addAll(p.stop().keySet());
        return out;
    }

    private static boolean kept(Plan p, Instance i) {
        return !p.drain().containsKey(i.id()) && !p.stop().containsKey(i.id());
    }
}
