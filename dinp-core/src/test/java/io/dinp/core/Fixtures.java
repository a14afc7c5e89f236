package io.dinp.core;

import io.dinp.model.AppHealth;
import io.dinp.model.AppSpec;
import io.dinp.model.ContainerReport;
import io.dinp.model.ContainerState;
import io.dinp.model.Instance;
import io.dinp.model.InstanceHealth;
import io.dinp.model.InstanceSpec;
import io.dinp.model.NodeView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Shared fixtures: a small world that tests build up and hand to the reconciler. */
final class Fixtures {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    final Map<String, AppSpec> apps = new HashMap<>();
    final Map<String, NodeView> nodes = new HashMap<>();
    final List<Instance> instances = new ArrayList<>();
    final Map<String, AppHealth> health = new HashMap<>();
    private int port = 30000;

    static AppSpec app(String name, int instances, int memoryMb) {
        return new AppSpec(name, "img/" + name + ":v1", instances, memoryMb, Map.of(), "/", 1);
    }

    Fixtures node(String id, int memoryMb) {
        nodes.put(id, new NodeView(id, "10.0.0." + (nodes.size() + 1), memoryMb, T0, true));
        return this;
    }

    Fixtures down(String id) {
        NodeView n = nodes.get(id);
        nodes.put(id, new NodeView(n.id(), n.address(), n.memoryMb(), n.lastSeen(), false));
        return this;
    }

    Fixtures app(AppSpec spec) {
        apps.put(spec.name(), spec);
        return this;
    }

    /** A serving instance of the app's current spec on the node. */
    Instance serving(String app, String node, String id) {
        return serving(apps.get(app), node, id);
    }

    Instance serving(AppSpec spec, String node, String id) {
        Instance i = Instance.assigned(InstanceSpec.of(id, spec, node), T0)
                .withReport(report(id, spec, ContainerState.RUNNING, true, null))
                .withHealth(InstanceHealth.healthy(T0));
        instances.add(i);
        return i;
    }

    Instance pending(String app, String node, String id) {
        Instance i = Instance.assigned(InstanceSpec.of(id, apps.get(app), node), T0);
        instances.add(i);
        return i;
    }

    Instance withState(String app, String node, String id, ContainerState state, Integer exit, String error) {
        AppSpec spec = apps.get(app);
        Instance i = Instance.assigned(InstanceSpec.of(id, spec, node), T0)
                .withReport(new ContainerReport(id, app, spec.specHash(), "c-" + id, spec.image(), spec.memoryMb(),
                        state, 0, false, exit, error));
        instances.add(i);
        return i;
    }

    Instance draining(String app, String node, String id, Instant until) {
        Instance i = serving(app, node, id);
        instances.remove(i);
        Instance d = i.draining(until);
        instances.add(d);
        return d;
    }

    /** A running instance of {@code spec} whose health is {@code h}. */
    Instance withHealth(AppSpec spec, String node, String id, InstanceHealth h) {
        Instance i = Instance.assigned(InstanceSpec.of(id, spec, node), T0)
                .withReport(report(id, spec, ContainerState.RUNNING, true, null)).withHealth(h);
        instances.add(i);
        return i;
    }

    private ContainerReport report(String id, AppSpec spec, ContainerState state, boolean ready, String error) {
        return new ContainerReport(id, spec.name(), spec.specHash(), "c-" + id, spec.image(), spec.memoryMb(),
                state, port++, ready, null, error);
    }

    ClusterSnapshot snapshot() {
        return new ClusterSnapshot(apps, nodes, instances, health);
    }

    static Supplier<String> ids() {
        int[] n = {0};
        return () -> "new-" + (++n[0]);
    }

    Plan plan(Instant now) {
        return new Reconciler(ReconcileSettings.DEFAULTS).plan(snapshot(), now, ids());
    }
}
