package io.dinp.core;

import io.dinp.model.AppHealth;
import io.dinp.model.AppSpec;
import io.dinp.model.AppStatus;
import io.dinp.model.ContainerState;
import io.dinp.model.Instance;
import io.dinp.model.InstanceSpec;
import io.dinp.model.NodeView;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The controller's decision: desired state + real state + now → a {@link Plan}. A pure function:
 * no clock, no I/O; the same snapshot always gives the same plan (ids come from the supplier).
 *
 * <p>Rules, per app: dead instances and those on down nodes are unassigned at once; the count
 * is made up by placing new instances (memory reserved, spread); extra instances leave the
 * routes first and are stopped after the drain grace. When the spec changed, new instances are
 * started one surge at a time and an old one is retired only once a new one serves, so at least
 * as many instances serve as before.
 */
public final class Reconciler {
    private final ReconcileSettings settings;

    public Reconciler(ReconcileSettings settings) {
        this.settings = settings;
    }

    public Plan plan(ClusterSnapshot s, Instant now, Supplier<String> ids) {
        Map<String, NodeView> up = s.nodes().values().stream().filter(NodeView::up)
                .collect(Collectors.toMap(NodeView::id, n -> n));
        Placement placement = new Placement(up);
        Map<String, String> stop = new LinkedHashMap<>();
        Map<String, Instant> drain = new LinkedHashMap<>();
        Map<String, Integer> failures = new HashMap<>();
        Map<String, String> lastFailure = new HashMap<>();
        Map<String, List<Instance>> live = new TreeMap<>();

        for (Instance i : s.instances()) {
            if (i.isDead()) {
                stop.put(i.id(), deathReason(i));
                if (i.state() != ContainerState.GONE) {
                    failures.merge(i.app(), 1, Integer::sum);
                    lastFailure.put(i.app(), deathReason(i));
                }
            } else if (!up.containsKey(i.node())) {
                stop.put(i.id(), "node " + i.node() + " is down");
            } else if (i.isDraining() && !now.isBefore(i.drainUntil())) {
                stop.put(i.id(), "drained");
            } else {
                placement.reserve(i.node(), i.app(), i.spec().memoryMb());
                live.computeIfAbsent(i.app(), a -> new ArrayList<>()).add(i);
            }
        }

        // Apps that were deleted: leave the routes first, then go.
        for (var e : live.entrySet()) {
            if (!s.apps().containsKey(e.getKey())) {
                for (Instance i : e.getValue()) {
                    retire(i, "app deleted", now, drain, stop);
                }
            }
        }

        List<InstanceSpec> place = new ArrayList<>();
        Map<String, AppStatus> status = new TreeMap<>();
        Map<String, AppHealth> health = new TreeMap<>();
        Instant wakeup = null;
        for (AppSpec app : new TreeMap<>(s.apps()).values()) {
            List<Instance> mine = live.getOrDefault(app.name(), List.of());
            AppHealth h = nextHealth(s.health(app.name()), app, mine, failures, lastFailure, now);
            if (!h.equals(s.health(app.name()))) {
                health.put(app.name(), h);
            }
            AppPass pass = new AppPass(app, mine, h, now, ids, placement, drain, stop, place);
            status.put(app.name(), pass.run());
            if (pass.waitingForBackoff) {
                wakeup = earliest(wakeup, h.nextPlacementAt());
            }
        }
        for (Instance i : s.instances()) {
            if (i.isDraining() && !stop.containsKey(i.id())) {
                wakeup = earliest(wakeup, i.drainUntil());
            }
        }
        for (Instant until : drain.values()) {
            wakeup = earliest(wakeup, until);
        }
        return new Plan(place, drain, stop, status, health, wakeup);
    }

    private AppHealth nextHealth(AppHealth h, AppSpec app, List<Instance> mine, Map<String, Integer> failures,
                                 Map<String, String> lastFailure, Instant now) {
        int failed = failures.getOrDefault(app.name(), 0);
        if (failed > 0) {
            int total = h.failures() + failed;
            return new AppHealth(total, now.plus(settings.backoff(total)), lastFailure.get(app.name()));
        }
        boolean serving = mine.stream().anyMatch(i -> i.isServing() && i.spec().specHash().equals(app.specHash()));
        return serving && h.failures() > 0 ? AppHealth.OK : h;
    }

    private void retire(Instance i, String reason, Instant now, Map<String, Instant> drain, Map<String, String> stop) {
        if (i.isDraining()) {
            return;
        }
        if (i.isServing()) {
            drain.put(i.id(), now.plus(settings.drainGrace()));
        } else {
            stop.put(i.id(), reason);
        }
    }

    private static Instant earliest(Instant a, Instant b) {
        return a == null || b.isBefore(a) ? b : a;
    }

    static String deathReason(Instance i) {
        return switch (i.state()) {
            case GONE -> "container was removed";
            case FAILED -> i.error() == null ? "could not be started" : i.error();
            case EXITED -> i.error() != null && i.error().contains("exited") ? i.error()
                    : "exited with code " + i.exitCode() + (i.error() == null ? "" : " (" + i.error() + ")");
            default -> String.valueOf(i.state());
        };
    }

    /** One app's share of a pass; holds the app's counts while the rules run. */
    private final class AppPass {
        private final AppSpec app;
        private final AppHealth health;
        private final Instant now;
        private final Supplier<String> ids;
        private final Placement placement;
        private final Map<String, Instant> drain;
        private final Map<String, String> stop;
        private final List<InstanceSpec> place;
        private final List<Instance> current = new ArrayList<>();
        private final List<Instance> old = new ArrayList<>();
        private int draining;
        private int placed;
        private String pendingReason;
        boolean waitingForBackoff;

        AppPass(AppSpec app, List<Instance> mine, AppHealth health, Instant now, Supplier<String> ids,
                Placement placement, Map<String, Instant> drain, Map<String, String> stop, List<InstanceSpec> place) {
            this.app = app;
            this.health = health;
            this.now = now;
            this.ids = ids;
            this.placement = placement;
            this.drain = drain;
            this.stop = stop;
            this.place = place;
            String hash = app.specHash();
            for (Instance i : mine) {
                if (i.isDraining()) {
                    draining++;
                } else if (i.spec().specHash().equals(hash)) {
                    current.add(i);
                } else {
                    old.add(i);
                }
            }
        }

        AppStatus run() {
            int want = app.instances();
            long curPending = current.stream().filter(i -> !i.isServing()).count();
            int toPlace;
            if (old.isEmpty()) {
                toPlace = want - current.size();
            } else {
                int surgeRoom = want + settings.maxSurge() - (current.size() + old.size() + draining);
                toPlace = Math.min(want - current.size(), Math.min(surgeRoom, settings.maxSurge() - (int) curPending));
            }
            if (!app.hasImage() && toPlace > 0) {
                pendingReason = "no image yet: deploy a release (build an artifact) or set an image";
                toPlace = 0;
            }
            for (int k = 0; k < toPlace; k++) {
                if (now.isBefore(health.nextPlacementAt())) {
                    waitingForBackoff = true;
                    break;
                }
                var node = placement.place(app.name(), app.memoryMb());
                if (node.isEmpty()) {
                    pendingReason = placement.insufficient(app.memoryMb());
                    break;
                }
                place.add(InstanceSpec.of(ids.get(), app, node.get()));
                placed++;
            }
            retireExtras(want);
            return status(want);
        }

        private void retireExtras(int want) {
            if (current.size() > want) {
                List<Instance> victims = new ArrayList<>(current);
                victims.sort(victimOrder().thenComparing(Instance::assignedAt, Comparator.reverseOrder())
                        .thenComparing(Instance::id));
                for (Instance v : victims.subList(0, current.size() - want)) {
                    retire(v, "scaled down", now, drain, stop);
                }
            }
            if (!old.isEmpty()) {
                long curServing = current.stream().filter(Instance::isServing).count();
                List<Instance> oldServing = new ArrayList<>();
                for (Instance o : old) {
                    if (o.isServing()) {
                        oldServing.add(o);
                    } else {
                        stop.put(o.id(), "replaced by the new spec");
                    }
                }
                long excess = Math.min(oldServing.size(), Math.max(0, curServing + oldServing.size() - want));
                oldServing.sort(victimOrder().thenComparing(Instance::assignedAt).thenComparing(Instance::id));
                for (Instance v : oldServing.subList(0, (int) excess)) {
                    retire(v, "replaced by the new spec", now, drain, stop);
                }
            }
        }

        /** Not-serving first, then from the node holding most of this app (keeps the spread). */
        private Comparator<Instance> victimOrder() {
            return Comparator.<Instance, Boolean>comparing(Instance::isServing)
                    .thenComparing(i -> -placement.appCountOn(app.name(), i.node()));
        }

        private AppStatus status(int want) {
            int running = (int) current.stream()
                    .filter(i -> i.isServing() && !drain.containsKey(i.id()) && !stop.containsKey(i.id())).count();
            int total = current.size() + old.size() + draining + placed;
            if (want == 0 && total == 0) {
                return new AppStatus("stopped", "scaled to 0 instances", want, 0, 0);
            }
            if (pendingReason != null) {
                return new AppStatus("pending", pendingReason
                        + (running > 0 ? "; " + running + " running instances keep running" : ""), want, running, total);
            }
            if (health.failures() > 0 && running < want) {
                long wait = Math.max(0, Duration.between(now, health.nextPlacementAt()).toSeconds());
                return new AppStatus("failing", health.lastFailure() + " (" + health.failures() + " failures"
                        + (wait > 0 ? ", next try in " + wait + " s)" : ")"), want, running, total);
            }
            if (!old.isEmpty()) {
                return new AppStatus("deploying", running + "/" + want + " instances updated", want, running, total);
            }
            if (running == want && total == want) {
                return new AppStatus("running", running + "/" + want + " instances running", want, running, total);
            }
            if (running < want) {
                return new AppStatus("starting", running + "/" + want + " instances running", want, running, total);
            }
            return new AppStatus("scaling", running + "/" + want + " instances running, "
                    + (total - want) + " stopping", want, running, total);
        }
    }

}
