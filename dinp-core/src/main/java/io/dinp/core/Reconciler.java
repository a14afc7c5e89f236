package io.dinp.core;

import io.dinp.model.AppHealth;
import io.dinp.model.AppSpec;
import io.dinp.model.AppStatus;
import io.dinp.model.ContainerState;
import io.dinp.model.HealthPhase;
import io.dinp.model.Instance;
import io.dinp.model.InstanceSpec;
import io.dinp.model.NodeView;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
    /**
     * Each app's spec hash from the last pass, by identity: the hash is a SHA-256 and the
     * controller hands the same AppSpec objects to pass after pass. A cache of a pure function,
     * so plans stay a function of their inputs.
     */
    private volatile Map<AppSpec, String> hashes = new IdentityHashMap<>();

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

        Map<String, Integer> lastExit = new HashMap<>();
        Set<String> failedStart = new HashSet<>();
        Instant unhealthyDue = null;
        for (Instance i : s.instances()) {
            if (i.isDead()) {
                stop.put(i.id(), deathReason(i));
                if (i.state() != ContainerState.GONE) {
                    failures.merge(i.app(), 1, Integer::sum);
                    lastFailure.put(i.app(), deathReason(i));
                    if (i.state() == ContainerState.EXITED && i.exitCode() != null) {
                        lastExit.put(i.app(), i.exitCode());
                    } else {
                        lastExit.remove(i.app());
                    }
                }
            } else if (isUnhealthy(i) && !i.isDraining() && up.containsKey(i.node())
                    && (!i.health().everHealthy() || !now.isBefore(i.health().since().plus(settings.unhealthyLimit())))) {
                // Never passed within its grace: a failed start. Unhealthy past the limit: hopeless.
                // Neither serves, so it goes at once; its replacement is placed below, with backoff.
                String why = unhealthyReason(i);
                stop.put(i.id(), why);
                failures.merge(i.app(), 1, Integer::sum);
                lastFailure.put(i.app(), why);
                lastExit.remove(i.app());
                if (!i.health().everHealthy()) {
                    failedStart.add(i.app() + "/" + i.spec().specHash());
                }
            } else if (!up.containsKey(i.node())) {
                stop.put(i.id(), "node " + i.node() + " is down");
            } else if (i.isDraining() && !now.isBefore(i.drainUntil())) {
                stop.put(i.id(), "drained");
            } else {
                placement.reserve(i.node(), i.app(), i.spec().memoryMb());
                live.computeIfAbsent(i.app(), a -> new ArrayList<>()).add(i);
                if (isUnhealthy(i) && !i.isDraining()) {
                    unhealthyDue = earliest(unhealthyDue, i.health().since().plus(settings.unhealthyLimit()));
                }
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
        Map<String, Rollback> rollbacks = new TreeMap<>();
        Instant wakeup = unhealthyDue;
        Map<AppSpec, String> known = hashes;
        Map<AppSpec, String> nextHashes = new IdentityHashMap<>();
        for (AppSpec app : new TreeMap<>(s.apps()).values()) {
            String cached = known.get(app);
            String hash = cached != null ? cached : app.specHash();
            nextHashes.put(app, hash);
            List<Instance> mine = live.getOrDefault(app.name(), List.of());
            AppHealth h = nextHealth(s.health(app.name()), app, hash, mine, failures, lastFailure, lastExit, now);
            if (!h.equals(s.health(app.name()))) {
                health.put(app.name(), h);
            }
            AppPass pass = new AppPass(app, hash, mine, h, now, ids, placement, drain, stop, place);
            String startFailure = failedStart.contains(app.name() + "/" + hash)
                    ? lastFailure.get(app.name()) : null;
            status.put(app.name(), pass.run(startFailure));
            if (pass.rollback != null) {
                rollbacks.put(app.name(), pass.rollback);
            }
            if (pass.waitingForBackoff) {
                wakeup = earliest(wakeup, h.nextPlacementAt());
            }
        }
        hashes = nextHashes;
        for (Instance i : s.instances()) {
            if (i.isDraining() && !stop.containsKey(i.id())) {
                wakeup = earliest(wakeup, i.drainUntil());
            }
        }
        for (Instant until : drain.values()) {
            wakeup = earliest(wakeup, until);
        }
        return new Plan(place, drain, stop, status, health, wakeup, rollbacks);
    }

    /**
     * Failure memory: grows with each failure, and clears only once every wanted instance of the
     * current spec serves, so one crash-looping instance among healthy ones keeps backing off.
     */
    private AppHealth nextHealth(AppHealth h, AppSpec app, String hash, List<Instance> mine, Map<String, Integer> failures,
                                 Map<String, String> lastFailure, Map<String, Integer> lastExit, Instant now) {
        int failed = failures.getOrDefault(app.name(), 0);
        if (failed > 0) {
            int total = h.failures() + failed;
            return new AppHealth(total, now.plus(settings.backoff(total)), lastFailure.get(app.name()),
                    lastExit.get(app.name()));
        }
        long serving = mine.stream().filter(i -> i.isServing() && i.spec().specHash().equals(hash)).count();
        return serving >= app.instances() && h.failures() > 0 ? AppHealth.OK : h;
    }

    private static boolean isUnhealthy(Instance i) {
        return i.state() == ContainerState.RUNNING && i.health().phase() == HealthPhase.UNHEALTHY;
    }

    private String unhealthyReason(Instance i) {
        String why = i.health().reason() == null ? "failed its health checks" : i.health().reason();
        return i.health().everHealthy()
                ? "unhealthy for " + settings.unhealthyLimit().toSeconds() + " s: " + why
                : "never became healthy: " + why;
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

    /** What a death reason says beyond its exit code: "out of memory (limit 64 MB)", or nothing. */
    static String exitDetail(String reason, int exit) {
        if (reason == null) {
            return "";
        }
        String prefix = "exited with code " + exit;
        String rest = reason.startsWith(prefix) ? reason.substring(prefix.length()).trim() : reason;
        if (rest.startsWith(":")) {
            rest = rest.substring(1).trim();
        } else if (rest.startsWith("(") && rest.endsWith(")")) {
            rest = rest.substring(1, rest.length() - 1);
        }
        return rest.isEmpty() ? "" : " (" + rest + ")";
    }

    private static String shortImage(String image) {
        int slash = image.lastIndexOf('/');
        return slash >= 0 ? image.substring(slash + 1) : image;
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
        private final String hash;
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
        Rollback rollback;

        AppPass(AppSpec app, String hash, List<Instance> mine, AppHealth health, Instant now, Supplier<String> ids,
                Placement placement, Map<String, Instant> drain, Map<String, String> stop, List<InstanceSpec> place) {
            this.app = app;
            this.hash = hash;
            this.health = health;
            this.now = now;
            this.ids = ids;
            this.placement = placement;
            this.drain = drain;
            this.stop = stop;
            this.place = place;
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

        AppStatus run(String startFailure) {
            int want = app.instances();
            if (want > 0 && !old.isEmpty() && (startFailure != null || health.failures() >= settings.rollbackAfter())) {
                Instance target = rollbackTarget();
                if (target != null) {
                    return rollBack(target, startFailure != null ? startFailure : health.lastFailure());
                }
            }
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
                place.add(new InstanceSpec(ids.get(), app.name(), node.get(), app.image(), app.memoryMb(), app.env(),
                        app.secretEnv(), hash));
                placed++;
            }
            retireExtras(want);
            return status(want);
        }

        /** The spec most old serving instances run, or null when none serves: nothing to go back to. */
        private Instance rollbackTarget() {
            Map<String, List<Instance>> bySpec = old.stream().filter(Instance::isServing)
                    .collect(Collectors.groupingBy(i -> i.spec().specHash(), TreeMap::new, Collectors.toList()));
            return bySpec.values().stream()
                    .max(Comparator.<List<Instance>>comparingInt(List::size)
                            .thenComparing(l -> l.stream().map(Instance::assignedAt).max(Comparator.naturalOrder()).orElseThrow()))
                    .map(l -> l.get(0)).orElse(null);
        }

        /**
         * The new spec failed while old instances still serve: keep every old one, stop the new
         * ones that do not serve, and ask the caller to set the app back to the old spec.
         */
        private AppStatus rollBack(Instance target, String why) {
            for (Instance c : current) {
                if (!c.isServing()) {
                    stop.put(c.id(), "rollout failed");
                }
            }
            String reason = "release " + shortImage(app.image()) + " failed (" + why + "); going back to "
                    + shortImage(target.spec().image());
            rollback = new Rollback(app.name(), app.generation(), hash, app.image(), target.spec(), reason);
            int running = (int) old.stream().filter(Instance::isServing).count();
            return new AppStatus("rolling-back", reason, app.instances(), running,
                    current.size() + old.size() + draining);
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
                return failing(want, running, total);
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

        /**
         * {@code crashing: 5 restarts, last exit 1, next try in 40 s} when instances exit;
         * {@code failing: <why> (3 failures, next try in 4 s)} for anything else (no image, unhealthy).
         */
        private AppStatus failing(int want, int running, int total) {
            Duration wait = Duration.between(now, health.nextPlacementAt());
            long secs = wait.isNegative() || wait.isZero() ? 0 : (wait.toMillis() + 999) / 1000;
            String next = secs > 0 ? "next try in " + secs + " s" : "restarting now";
            int n = health.failures();
            if (health.lastExit() != null) {
                String detail = exitDetail(health.lastFailure(), health.lastExit());
                return new AppStatus("crashing", n + (n == 1 ? " restart" : " restarts") + ", last exit "
                        + health.lastExit() + ", " + next + detail, want, running, total);
            }
            return new AppStatus("failing", health.lastFailure() + " (" + n + (n == 1 ? " failure, " : " failures, ")
                    + next + ")", want, running, total);
        }
    }

}
