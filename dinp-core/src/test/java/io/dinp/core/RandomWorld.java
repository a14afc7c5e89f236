package io.dinp.core;

import io.dinp.model.AppHealth;
import io.dinp.model.AppSpec;
import io.dinp.model.ContainerState;
import io.dinp.model.Instance;
import io.dinp.model.InstanceSpec;
import io.dinp.model.NodeView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

/**
 * A seeded random cluster world for the reconciler's property tests, plus a tiny simulator that
 * applies plans and plays the agents. The same seed always builds the same world.
 */
final class RandomWorld {
    static final String UNKNOWN_NODE = "ghost";

    final long seed;
    final ReconcileSettings settings;
    final Map<String, AppSpec> apps = new TreeMap<>();
    final Map<String, NodeView> nodes = new TreeMap<>();
    final List<Instance> instances = new ArrayList<>();
    final Map<String, AppHealth> health = new TreeMap<>();
    Instant now = Fixtures.T0.plusSeconds(3600);
    private final Random r;
    private int nextId = 1;
    private int nextPort = 30000;

    private RandomWorld(long seed, ReconcileSettings settings) {
        this.seed = seed;
        this.settings = settings;
        this.r = new Random(seed);
    }

    static LongStream seeds(int n) {
        return LongStream.range(0, n);
    }

    /** A world with the brief's ranges: 1–5 nodes of 256–4096 MB (some down), 0–6 apps, mixed instances. */
    static RandomWorld random(long seed) {
        return new RandomWorld(seed, ReconcileSettings.DEFAULTS).build(false);
    }

    /** Same shapes, but every up node is huge and at least one node is up: everything fits. */
    static RandomWorld ample(long seed) {
        return ample(seed, ReconcileSettings.DEFAULTS);
    }

    static RandomWorld ample(long seed, ReconcileSettings settings) {
        return new RandomWorld(seed, settings).build(true);
    }

    private RandomWorld build(boolean ample) {
        int nodeCount = 1 + r.nextInt(5);
        for (int k = 1; k <= nodeCount; k++) {
            String id = "n" + k;
            int mem = ample ? 1_000_000 : 256 + r.nextInt(4096 - 256 + 1);
            boolean up = (ample && k == 1) || r.nextInt(5) != 0;
            nodes.put(id, new NodeView(id, "10.0.0." + k, mem, now, up));
        }
        Map<String, Integer> used = new HashMap<>();
        int appCount = r.nextInt(7);
        int withDeleted = appCount + r.nextInt(3);
        for (int a = 0; a < withDeleted; a++) {
            boolean desired = a < appCount;
            String name = desired ? "a" + a : "gone" + a;
            AppSpec current = new AppSpec(name, "img/" + name + ":v2", r.nextInt(9), memory(), Map.of("V", "2"), "/", 2);
            AppSpec old = r.nextInt(3) == 0
                    ? new AppSpec(name, "img/" + name + ":v1", current.instances(), r.nextBoolean() ? current.memoryMb() : memory(),
                    Map.of(), "/", 1)
                    : null;
            if (desired) {
                apps.put(name, current);
                if (r.nextInt(10) < 3) {
                    health.put(name, new AppHealth(1 + r.nextInt(8), now.plusSeconds(r.nextInt(121) - 60), "exited with code 1"));
                }
            }
            for (int k = r.nextInt(7); k > 0; k--) {
                AppSpec spec = old != null && r.nextBoolean() ? old : current;
                String node = r.nextInt(10) == 0 ? UNKNOWN_NODE : "n" + (1 + r.nextInt(nodeCount));
                NodeView nv = nodes.get(node);
                if (nv != null && used.getOrDefault(node, 0) + spec.memoryMb() > nv.memoryMb()) {
                    continue; // the initial world never over-commits a node
                }
                used.merge(node, spec.memoryMb(), Integer::sum);
                instances.add(randomInstance(InstanceSpec.of("i-" + nextId++, spec, node)));
            }
        }
        return this;
    }

    private int memory() {
        return r.nextBoolean() ? 32 << r.nextInt(6) : 32 + r.nextInt(1024 - 32 + 1);
    }

    private Instance randomInstance(InstanceSpec spec) {
        Instant assignedAt = now.minusSeconds(1 + r.nextInt(600));
        Instant soon = now.plusSeconds(r.nextInt(11) - 5); // drain deadlines around now, some passed
        return switch (r.nextInt(11)) {
            case 0 -> new Instance(spec, null, false, 0, null, null, assignedAt, null);
            case 1 -> new Instance(spec, ContainerState.CREATING, false, 0, null, null, assignedAt, null);
            case 2 -> new Instance(spec, ContainerState.RUNNING, false, r.nextBoolean() ? nextPort++ : 0, null, null, assignedAt, null);
            case 3 -> new Instance(spec, ContainerState.EXITED, false, 0, 1, null, assignedAt, null);
            case 4 -> new Instance(spec, ContainerState.FAILED, false, 0, null, "image not found", assignedAt, null);
            case 5 -> new Instance(spec, ContainerState.GONE, false, 0, null, null, assignedAt, null);
            case 6 -> new Instance(spec, ContainerState.RUNNING, true, nextPort++, null, null, assignedAt, soon);
            case 7 -> new Instance(spec, ContainerState.EXITED, false, 0, 137, null, assignedAt, soon);
            default -> new Instance(spec, ContainerState.RUNNING, true, nextPort++, null, null, assignedAt, null);
        };
    }

    ClusterSnapshot snapshot() {
        return new ClusterSnapshot(apps, nodes, instances, health);
    }

    Plan plan() {
        return new Reconciler(settings).plan(snapshot(), now, Fixtures.ids());
    }

    /** The executor's part: placed → assigned, drained → draining, stopped → gone, health kept. */
    void apply(Plan p) {
        instances.removeIf(i -> p.stop().containsKey(i.id()));
        instances.replaceAll(i -> p.drain().containsKey(i.id()) ? i.draining(p.drain().get(i.id())) : i);
        p.place().forEach(spec -> instances.add(Instance.assigned(spec, now)));
        health.putAll(p.health());
        // the controller's part of a rollback: the app goes back to its old spec, failures forgotten
        p.rollbacks().forEach((app, r) -> {
            apps.put(app, apps.get(app).runningAs(r.to(), apps.get(app).generation() + 1));
            health.remove(app);
        });
    }

    /** One second later; the agents got every live, not yet serving instance running and ready. */
    void tick() {
        now = now.plusSeconds(1);
        instances.replaceAll(i -> i.isDead() || i.isDraining() || i.isServing() ? i
                : new Instance(i.spec(), ContainerState.RUNNING, true, nextPort++, null, null, i.assignedAt(), null));
    }

    /** A pass of a simulation: ids stay unique across passes. */
    Plan simulatedPlan() {
        return new Reconciler(settings).plan(snapshot(), now, () -> "p-" + nextId++);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("world seed=" + seed + " now=" + now + "\n");
        nodes.values().forEach(n -> sb.append("  node ").append(n.id()).append(' ').append(n.memoryMb()).append("MB")
                .append(n.up() ? "" : " DOWN").append('\n'));
        apps.values().forEach(a -> sb.append("  app ").append(a.name()).append(" x").append(a.instances())
                .append(' ').append(a.memoryMb()).append("MB hash=").append(a.specHash())
                .append(" health=").append(health.getOrDefault(a.name(), AppHealth.OK)).append('\n'));
        instances.forEach(i -> sb.append("  inst ").append(i.id()).append(' ').append(i.app()).append('@').append(i.node())
                .append(' ').append(i.spec().memoryMb()).append("MB hash=").append(i.spec().specHash())
                .append(' ').append(i.state()).append(i.ready() ? " ready" : "").append(" port=").append(i.hostPort())
                .append(i.isDraining() ? " drainUntil=" + i.drainUntil() : "").append('\n'));
        return sb.toString();
    }

    static String describe(Plan p) {
        return "plan place=" + p.place().stream().map(s -> s.id() + ":" + s.app() + "@" + s.node()).collect(Collectors.toList())
                + " drain=" + p.drain().keySet() + " stop=" + p.stop() + " wakeup=" + p.nextWakeup();
    }
}
