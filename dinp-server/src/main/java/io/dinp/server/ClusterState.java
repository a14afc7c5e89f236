package io.dinp.server;

import io.dinp.core.ClusterSnapshot;
import io.dinp.core.Plan;
import io.dinp.core.Rollback;
import io.dinp.hm.ShardAssignment;
import io.dinp.model.AppHealth;
import io.dinp.model.AppSpec;
import io.dinp.model.AppStatus;
import io.dinp.model.Assignment;
import io.dinp.model.ContainerReport;
import io.dinp.model.ContainerState;
import io.dinp.model.ControlPlane;
import io.dinp.model.HealthPhase;
import io.dinp.model.HealthReport;
import io.dinp.model.HealthSettings;
import io.dinp.model.HealthTarget;
import io.dinp.model.HmTargets;
import io.dinp.model.Instance;
import io.dinp.model.InstanceHealth;
import io.dinp.model.InstanceInfo;
import io.dinp.model.InstanceSpec;
import io.dinp.model.NodeInfo;
import io.dinp.model.NodeReport;
import io.dinp.model.NodeView;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The controller's memory of the real world: nodes as they last reported, the instances
 * assigned to each, and the status of each app. Rebuilt from agents' reports after a restart
 * (containers carry their identity in labels), so losing it loses nothing.
 */
public final class ClusterState {
    private final String epoch = UUID.randomUUID().toString();
    private final long term;
    private final Clock clock;
    private final Duration nodeTimeout;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Map<String, NodeReport> nodes = new HashMap<>();
    private final Map<String, Instant> lastSeen = new HashMap<>();
    private final Map<String, Long> versions = new HashMap<>();
    private final Map<String, Instance> instances = new LinkedHashMap<>();
    /** The ids of each node's instances, sorted: read at every report, so never a scan of all instances. */
    private final Map<String, TreeSet<String>> byNode = new HashMap<>();
    private final Map<String, AppHealth> health = new HashMap<>();
    /** Health monitors by id, with when each last asked for its targets. */
    private final Map<String, Instant> monitors = new HashMap<>();
    private final Condition targetsChanged = lock.newCondition();
    private final Duration monitorTimeout;
    /** The last lines of each app's most recent crashed instance. */
    private final Map<String, List<String>> lastLogs = new HashMap<>();
    /** Why each app was last rolled back, kept while the app stays at the generation the rollback wrote. */
    private final Map<String, RollbackNote> rollbackNotes = new HashMap<>();
    private Map<String, AppStatus> statuses = Map.of();
    private Map<String, AppSpec> desired = Map.of();
    /**
     * Nodes whose certificates were revoked: gone at once, whatever they last reported, until one
     * joins again with a new certificate.
     */
    private final Set<String> revoked = new HashSet<>();
    /** Adopting unknown containers is only right before the first plan: afterwards they are ours to remove. */
    private boolean adopting = true;
    private boolean retired;

    public ClusterState(Clock clock, Duration nodeTimeout) {
        this(clock, nodeTimeout, DEFAULT_MONITOR_TIMEOUT);
    }

    /** @param monitorTimeout how long a silent health monitor keeps its share of the instances */
    public ClusterState(Clock clock, Duration nodeTimeout, Duration monitorTimeout) {
        this(clock, nodeTimeout, monitorTimeout, 0);
    }

    /** @param term the leadership term every assignment of this state carries (0 without an election) */
    public ClusterState(Clock clock, Duration nodeTimeout, Duration monitorTimeout, long term) {
        this.term = term;
        this.clock = clock;
        this.nodeTimeout = nodeTimeout;
        this.monitorTimeout = monitorTimeout;
    }

    public static final Duration DEFAULT_MONITOR_TIMEOUT = Duration.ofSeconds(3);

    private record RollbackNote(String reason, long generation, Instant at) {
    }

    public String epoch() {
        return epoch;
    }

    /**
     * This state's controller stopped leading: long polls waiting on it answer "no change" at
     * once, so their clients ask again and find the new leader instead of waiting out the poll.
     */
    void retire() {
        lock.lock();
        try {
            retired = true;
            changed.signalAll();
            targetsChanged.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The desired apps the controller last loaded: used to decide which unknown containers to adopt. */
    void desired(Map<String, AppSpec> apps) {
        lock.lock();
        try {
            desired = Map.copyOf(apps);
            rollbackNotes.entrySet().removeIf(e -> !apps.containsKey(e.getKey())
                    || apps.get(e.getKey()).generation() != e.getValue().generation());
            targetsChanged.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes a node's report: refreshes the node, updates its instances and adopts DINP containers
     * this server does not know yet but whose app is desired (a restarted server keeps them).
     *
     * @return whether anything the controller decides on changed
     */
    boolean report(NodeReport r) {
        Instant now = clock.instant();
        lock.lock();
        try {
            if (revoked.contains(r.nodeId())) {
                return false; // a report checked just before the revocation, arriving after it
            }
            boolean changed = !nodes.containsKey(r.nodeId()) || !isUp(r.nodeId(), now)
                    || nodes.get(r.nodeId()).memoryMb() != r.memoryMb()
                    || !nodes.get(r.nodeId()).address().equals(r.address());
            nodes.put(r.nodeId(), new NodeReport(r.nodeId(), r.address(), r.memoryMb(), List.of(), r.logUrl()));
            lastSeen.put(r.nodeId(), now);
            versions.putIfAbsent(r.nodeId(), 0L);
            for (ContainerReport c : r.containers()) {
                Instance known = instances.get(c.instanceId());
                if (known != null) {
                    if (!known.node().equals(r.nodeId())) {
                        continue;
                    }
                    Instance next = known.withReport(c);
                    if (!next.equals(known)) {
                        put(next);
                        changed = true;
                        if (next.isDead() && !known.isDead() && !c.logTail().isEmpty()) {
                            lastLogs.put(c.app(), c.logTail());
                        }
                    }
                } else if (adopting && desired.containsKey(c.app()) && !c.state().isDead()) {
                    put(adopt(c, r.nodeId(), now));
                    bump(r.nodeId());
                    changed = true;
                }
            }
            if (changed) {
                targetsChanged.signalAll();
            }
            return changed;
        } finally {
            lock.unlock();
        }
    }

    private Instance adopt(ContainerReport c, String node, Instant now) {
        AppSpec app = desired.get(c.app());
        boolean current = app.specHash().equals(c.specHash());
        InstanceSpec spec = new InstanceSpec(c.instanceId(), c.app(), node, c.image(), c.memoryMb(),
                current ? app.env() : Map.of(), current ? app.secretEnv() : Map.of(), c.specHash());
        // A restarted server must not empty the routes: what accepts connections keeps serving
        // until a health monitor says otherwise (within its first checks).
        Instance i = Instance.assigned(spec, now).withReport(c);
        return c.ready() ? i.withHealth(InstanceHealth.healthy(now)) : i;
    }

    /** The node's current assignment. */
    public Assignment assignment(String nodeId) {
        lock.lock();
        try {
            List<InstanceSpec> specs = byNode.getOrDefault(nodeId, EMPTY).stream()
                    .map(id -> instances.get(id).spec()).toList();
            return new Assignment(nodeId, epoch, versions.getOrDefault(nodeId, 0L), specs, term);
        } finally {
            lock.unlock();
        }
    }

    /** Long poll: the node's assignment once it differs from (epoch, version), or empty on timeout. */
    public Optional<Assignment> awaitChange(String nodeId, String knownEpoch, long knownVersion, Duration timeout)
            throws InterruptedException, ControlPlane.UnknownNodeException {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (true) {
                if (!nodes.containsKey(nodeId)) {
                    throw new ControlPlane.UnknownNodeException(nodeId);
                }
                if (!epoch.equals(knownEpoch) || versions.getOrDefault(nodeId, 0L) != knownVersion) {
                    return Optional.of(assignment(nodeId));
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || retired) {
                    return Optional.empty();
                }
                changed.await(left, TimeUnit.NANOSECONDS);
            }
        } finally {
            lock.unlock();
        }
    }

    private static final TreeSet<String> EMPTY = new TreeSet<>();

    /** Every change of {@link #instances} goes through here or {@link #remove}, to keep {@link #byNode} true. */
    private void put(Instance i) {
        Instance before = instances.put(i.id(), i);
        if (before != null && !before.node().equals(i.node())) {
            unindex(before);
        }
        byNode.computeIfAbsent(i.node(), n -> new TreeSet<>()).add(i.id());
    }

    private Instance remove(String id) {
        Instance gone = instances.remove(id);
        if (gone != null) {
            unindex(gone);
        }
        return gone;
    }

    private void unindex(Instance i) {
        TreeSet<String> ids = byNode.get(i.node());
        if (ids != null && ids.remove(i.id()) && ids.isEmpty()) {
            byNode.remove(i.node());
        }
    }

    private void bump(String node) {
        versions.merge(node, 1L, Long::sum);
        changed.signalAll();
    }

    private boolean isUp(String node, Instant now) {
        Instant seen = lastSeen.get(node);
        return seen != null && !seen.plus(nodeTimeout).isBefore(now) && !revoked.contains(node);
    }

    /**
     * The node's certificates were revoked: it counts as down from now on (its instances are placed
     * elsewhere by the next pass) and its reports are ignored until it joins again.
     *
     * @return whether this changed anything
     */
    boolean revoke(String node) {
        lock.lock();
        try {
            boolean added = revoked.add(node);
            if (added) {
                targetsChanged.signalAll();
            }
            return added && nodes.containsKey(node);
        } finally {
            lock.unlock();
        }
    }

    /** The node joined again with a new certificate: its reports count again. */
    void readmit(String node) {
        lock.lock();
        try {
            revoked.remove(node);
        } finally {
            lock.unlock();
        }
    }

    /** When the next node will be declared down if it stays silent, or null. */
    Instant nextNodeExpiry(Instant now) {
        lock.lock();
        try {
            return lastSeen.entrySet().stream().filter(e -> isUp(e.getKey(), now))
                    .map(e -> e.getValue().plus(nodeTimeout).plusMillis(1)).min(Comparator.naturalOrder()).orElse(null);
        } finally {
            lock.unlock();
        }
    }

    ClusterSnapshot snapshot(Map<String, AppSpec> apps, Instant now) {
        lock.lock();
        try {
            Map<String, NodeView> views = new HashMap<>();
            nodes.forEach((id, n) -> views.put(id, new NodeView(id, n.address(), n.memoryMb(), lastSeen.get(id), isUp(id, now))));
            return new ClusterSnapshot(apps, views, new ArrayList<>(instances.values()), health);
        } finally {
            lock.unlock();
        }
    }

    /** Applies a plan's assignment changes and wakes the agents whose set changed. */
    void apply(Plan plan, Instant now) {
        lock.lock();
        try {
            adopting = false;
            Set<String> touched = new HashSet<>();
            for (InstanceSpec spec : plan.place()) {
                put(Instance.assigned(spec, now));
                touched.add(spec.node());
            }
            plan.drain().forEach((id, until) -> instances.computeIfPresent(id, (k, i) -> i.draining(until)));
            for (String id : plan.stop().keySet()) {
                Instance gone = remove(id);
                if (gone != null) {
                    touched.add(gone.node());
                }
            }
            health.putAll(plan.health());
            health.keySet().retainAll(plan.status().keySet());
            lastLogs.keySet().retainAll(plan.status().keySet());
            statuses = Map.copyOf(plan.status());
            touched.forEach(this::bump);
            targetsChanged.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Statuses while the controller waits for agents after a start, before its first plan. */
    void settling(Map<String, AppSpec> apps) {
        lock.lock();
        try {
            Map<String, AppStatus> s = new HashMap<>();
            apps.values().forEach(a -> s.put(a.name(),
                    new AppStatus("pending", "controller starting, waiting for agents to report", a.instances(), 0, 0)));
            statuses = Map.copyOf(s);
        } finally {
            lock.unlock();
        }
    }

    public Optional<AppStatus> status(String app) {
        lock.lock();
        try {
            AppStatus st = statuses.get(app);
            if (st == null) {
                return Optional.empty();
            }
            if (st.state().equals("crashing") || st.state().equals("failing")) {
                st = st.withLastLog(lastLogs.getOrDefault(app, List.of()));
            }
            if ((st.state().equals("starting") || st.state().equals("deploying")) && liveMonitors(clock.instant()).isEmpty()
                    && instances.values().stream().anyMatch(i -> i.app().equals(app) && i.state() == ContainerState.RUNNING
                    && i.health().phase() == HealthPhase.STARTING)) {
                // nothing becomes healthy without a monitor: say so rather than wait silently
                st = new AppStatus(st.state(), st.reason() + "; no health monitor is running (start `dinp hm`)",
                        st.desired(), st.running(), st.total(), st.lastLog());
            }
            RollbackNote note = rollbackNotes.get(app);
            if (note != null && !st.state().equals("rolling-back")) {
                st = new AppStatus(st.state(), st.reason() + "; rolled back at " + note.at() + ": " + note.reason(),
                        st.desired(), st.running(), st.total(), st.lastLog());
            }
            return Optional.of(st);
        } finally {
            lock.unlock();
        }
    }

    public List<InstanceInfo> instances(String app) {
        lock.lock();
        try {
            return instances.values().stream().filter(i -> i.app().equals(app))
                    .sorted(Comparator.comparing(Instance::id))
                    .map(i -> InstanceInfo.of(i, nodes.containsKey(i.node()) ? nodes.get(i.node()).address() : null))
                    .toList();
        } finally {
            lock.unlock();
        }
    }

    public List<NodeInfo> nodes() {
        Instant now = clock.instant();
        lock.lock();
        try {
            List<NodeInfo> out = new ArrayList<>();
            for (NodeReport n : nodes.values()) {
                int allocated = 0;
                int count = 0;
                for (String id : byNode.getOrDefault(n.nodeId(), EMPTY)) {
                    allocated += instances.get(id).spec().memoryMb();
                    count++;
                }
                out.add(new NodeInfo(n.nodeId(), n.address(), n.memoryMb(), allocated, count,
                        revoked.contains(n.nodeId()) ? "revoked" : isUp(n.nodeId(), now) ? "up" : "down", lastSeen.get(n.nodeId()), n.logUrl()));
            }
            out.sort(Comparator.comparing(NodeInfo::id));
            return out;
        } finally {
            lock.unlock();
        }
    }

    /** How many nodes are up, down and revoked: cheap enough for every scrape. */
    public Map<String, Integer> nodeStates() {
        Instant now = clock.instant();
        lock.lock();
        try {
            Map<String, Integer> out = new HashMap<>();
            for (String id : nodes.keySet()) {
                out.merge(revoked.contains(id) ? "revoked" : isUp(id, now) ? "up" : "down", 1, Integer::sum);
            }
            return out;
        } finally {
            lock.unlock();
        }
    }

    /** A rollout was rolled back (the store now says {@code now}): forget the failures, remember why. */
    void rolledBack(Rollback r, AppSpec now) {
        lock.lock();
        try {
            health.remove(r.app());
            rollbackNotes.put(r.app(), new RollbackNote(r.reason(), now.generation(), clock.instant()));
        } finally {
            lock.unlock();
        }
    }

    // ---- health monitors ----

    /**
     * Long poll of a health monitor, which also keeps it alive: its share of the instances once it
     * differs from {@code knownHash}, or empty after {@code wait}. Shares are recomputed at least
     * twice a second, so a monitor that went silent loses its share to the others quickly.
     */
    public Optional<HmTargets> awaitTargets(String hmId, String knownHash, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        lock.lock();
        try {
            while (true) {
                monitors.put(hmId, clock.instant());
                HmTargets t = targetsFor(hmId, clock.instant());
                if (!t.hash().equals(knownHash)) {
                    return Optional.of(t);
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || retired) {
                    return Optional.empty();
                }
                targetsChanged.awaitNanos(Math.min(left, MONITOR_RECHECK.toNanos()));
            }
        } finally {
            lock.unlock();
        }
    }

    private static final Duration MONITOR_RECHECK = Duration.ofMillis(500);

    private List<String> liveMonitors(Instant now) {
        monitors.values().removeIf(seen -> seen.plus(monitorTimeout.multipliedBy(10)).isBefore(now));
        return monitors.entrySet().stream().filter(e -> !e.getValue().plus(monitorTimeout).isBefore(now))
                .map(Map.Entry::getKey).sorted().toList();
    }

    /** The instances worth checking: running with a published port, not draining, on a node that is up. */
    private List<Instance> checkable(Instant now) {
        return instances.values().stream()
                .filter(i -> i.state() == ContainerState.RUNNING && i.hostPort() > 0 && !i.isDraining()
                        && nodes.containsKey(i.node()) && isUp(i.node(), now))
                .sorted(Comparator.comparing(Instance::id)).toList();
    }

    private HmTargets targetsFor(String hmId, Instant now) {
        List<String> live = liveMonitors(now);
        List<Instance> all = checkable(now);
        Set<String> mine = ShardAssignment.mine(hmId, live, all.stream().map(Instance::id).toList());
        List<HealthTarget> out = new ArrayList<>();
        StringBuilder key = new StringBuilder().append(epoch).append(' ').append(live.size()).append('\n');
        for (Instance i : all) {
            if (!mine.contains(i.id())) {
                continue;
            }
            AppSpec app = desired.get(i.app());
            HealthSettings settings = app == null ? HealthSettings.DEFAULTS : app.health();
            String host = nodes.get(i.node()).address();
            out.add(new HealthTarget(i.id(), i.app(), host, i.hostPort(), settings, i.health().phase(), i.health().since()));
            key.append(i.id()).append(' ').append(host).append(':').append(i.hostPort()).append(' ')
                    .append(settings).append('\n');
        }
        return new HmTargets(sha(key.toString()), live.size(), out);
    }

    /**
     * Health news from a monitor. Only the monitor that owns an instance is heard (one that lost
     * it to another may still be finishing a check), and only about the process it checked.
     *
     * @return whether any instance's health changed
     */
    boolean health(String hmId, List<HealthReport> reports) {
        Instant now = clock.instant();
        lock.lock();
        try {
            monitors.put(hmId, now);
            List<String> live = liveMonitors(now);
            boolean changed = false;
            for (HealthReport r : reports) {
                Instance i = instances.get(r.instanceId());
                if (i == null || r.port() != i.hostPort() || i.health().phase() == r.phase()
                        || !hmId.equals(ShardAssignment.owner(i.id(), live))) {
                    continue;
                }
                put(i.withHealth(i.health().to(r.phase(), now, r.reason(), hmId)));
                changed = true;
            }
            return changed;
        } finally {
            lock.unlock();
        }
    }

    /** The monitors alive now, for the API. */
    public List<String> monitors() {
        lock.lock();
        try {
            return liveMonitors(clock.instant());
        } finally {
            lock.unlock();
        }
    }

    private static String sha(String s) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(d, 0, 12);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
