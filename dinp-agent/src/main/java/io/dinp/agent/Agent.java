package io.dinp.agent;

import io.dinp.registry.DockerFailures;
import com.github.dockerjava.api.DockerClient;
import io.dinp.model.Assignment;
import io.dinp.model.ContainerState;
import io.dinp.model.ControlPlane;
import io.dinp.model.InstanceSpec;
import io.dinp.model.NodeReport;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Lock;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent of one node: reports its DINP containers to the control plane and converges the
 * local Docker to the node's assignment. It never touches containers of other nodes or without
 * DINP labels, and closing it leaves every container running.
 */
public final class Agent implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Agent.class);
    /**
     * Creates run this many at once: the daemon overlaps their work (measured: 10 in parallel
     * start a scale-up of 10 about as fast as `docker run` ×10 in parallel; 4 took three waves).
     */
    static final int APPLY_THREADS = 10;
    private static final long REPORT_NOW_TIMEOUT_SECONDS = 30;

    private final AgentConfig config;
    private final ControlPlane controlPlane;
    private final InstanceTracker tracker = new InstanceTracker();
    private final AtomicReference<Assignment> current = new AtomicReference<>();
    private final ContainerObserver observer;
    private final ContainerLauncher launcher;
    private final ContainerRemover remover;
    private final ReadinessProber prober;
    private final ReportLoop reportLoop;
    private final AssignmentWatcher watcher;
    private final DockerEventWatcher events;
    private final ExecutorService apply;
    /** Null when no registry is configured: only images from DINP registries are ever deleted. */
    private final ImagePruner pruner;
    private final ContainerPolicy policy;
    /** Null when containers stay on Docker's default bridge. */
    private final AppNetworks networks;
    /** Null without app networks: then nothing is confined and there are no rules to own. */
    private final HostFirewall firewall;
    /** Puts the firewall rules back every {@link #FIREWALL_RECHECK} if something else removed them; null without. */
    private final java.util.concurrent.ScheduledExecutorService firewallCheck;
    static final java.time.Duration FIREWALL_RECHECK = java.time.Duration.ofSeconds(60);
    private volatile boolean closed;
    private final AgentMetrics metrics;
    private final com.github.dockerjava.api.DockerClient docker;

    /** The Docker client stays the caller's: {@link #close()} does not close it. */
    public Agent(AgentConfig config, ControlPlane controlPlane, DockerClient docker) {
        this(config, controlPlane, docker, java.util.List.of());
    }

    /** With credentials for the private registries instances' images come from. */
    public Agent(AgentConfig config, ControlPlane controlPlane, DockerClient docker,
                 java.util.List<io.dinp.registry.RegistryCredentials> registries) {
        this(config, controlPlane, docker, registries, id -> { });
    }

    /**
     * @param whenStopped runs with the id of each container the agent stopped, before it is
     *                    removed: where its log is kept for a while (see {@code AgentLogs})
     */
    public Agent(AgentConfig config, ControlPlane controlPlane, DockerClient docker,
                 java.util.List<io.dinp.registry.RegistryCredentials> registries,
                 java.util.function.Consumer<String> whenStopped) {
        this(config, controlPlane, docker, registries, whenStopped, ContainerPolicy.withoutNetworkIsolation(), null);
    }

    /**
     * @param policy  how its containers are confined: capabilities, processes, networks, the host firewall
     * @param secrets the cluster's secret keys, read when an instance with secrets first needs them;
     *                null: this agent has none, and such instances fail saying so
     */
    public Agent(AgentConfig config, ControlPlane controlPlane, DockerClient docker,
                 java.util.List<io.dinp.registry.RegistryCredentials> registries,
                 java.util.function.Consumer<String> whenStopped, ContainerPolicy policy,
                 java.util.function.Supplier<io.dinp.common.secret.SecretBox> secrets) {
        this.config = Objects.requireNonNull(config, "config");
        this.controlPlane = Objects.requireNonNull(controlPlane, "controlPlane");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.docker = docker;
        this.metrics = new AgentMetrics(io.dinp.common.metrics.Meters.registry(), java.time.Clock.systemUTC());
        String node = config.nodeId();
        this.observer = new ContainerObserver(docker, node);
        this.networks = policy.appNetworks() ? new AppNetworks(docker, policy.networkPool()) : null;
        // with app networks but --no-host-firewall it still runs: to remove rules a killed agent of this node left
        this.firewall = policy.appNetworks() ? new HostFirewall(node, policy.hostFirewall(), policy.allowFrom()) : null;
        this.firewallCheck = firewall != null && policy.hostFirewall()
                ? Executors.newSingleThreadScheduledExecutor(Threads.daemon("dinp-agent-firewall-" + node)) : null;
        this.launcher = new ContainerLauncher(docker, node, config.bindIp(), registries, policy, networks,
                secrets == null ? SecretEnvOpener.none() : new SecretEnvOpener(secrets), metrics);
        this.remover = new ContainerRemover(docker, config.stopTimeout(), whenStopped);
        this.prober = new ReadinessProber(ReadinessProber.DEFAULT_DEADLINE);
        this.reportLoop = new ReportLoop("dinp-agent-report-" + node, config.heartbeat(), this::cycle);
        this.watcher = new AssignmentWatcher(node, controlPlane, current::get, this::offerFromWatcher, this::reportNow);
        this.events = new DockerEventWatcher(docker, node, reportLoop::trigger);
        this.apply = Executors.newFixedThreadPool(APPLY_THREADS, Threads.daemon("dinp-agent-apply-" + node));
        this.pruner = registries.isEmpty() ? null : new ImagePruner(docker,
                registries.stream().map(io.dinp.registry.RegistryCredentials::address).toList(),
                config.keepImages(), ImagePruner.DEFAULT_INTERVAL, this::assignedImages, "dinp-agent-prune-" + node);
    }

    /** Apps the current assignment runs here: their networks stay. */
    private java.util.Set<String> assignedApps() {
        Assignment a = current.get();
        return a == null ? java.util.Set.of() : a.instances().stream().map(InstanceSpec::app).collect(Collectors.toSet());
    }

    /** Images the current assignment runs: kept even while their containers are being replaced. */
    private List<String> assignedImages() {
        Assignment a = current.get();
        return a == null ? List.of() : a.instances().stream().map(InstanceSpec::image).toList();
    }

    public void start() {
        log.info("agent of node {} starting: address {}, {} MB offered, Docker at {}; containers: {} processes at most, "
                        + "capabilities {}, {}", config.nodeId(), config.address(), config.memoryMb(), config.dockerHost(),
                policy.pidsLimit() == 0 ? "no limit of" : policy.pidsLimit(),
                policy.capAdd().isEmpty() ? "none" : policy.capAdd(),
                policy.appNetworks() ? "a network per app from " + policy.networkPool() : "on Docker's default bridge");
        if (firewall != null) {
            firewall.install();
        }
        if (firewallCheck != null) {
            long every = FIREWALL_RECHECK.toSeconds();
            firewallCheck.scheduleWithFixedDelay(firewall::recheck, every, every, java.util.concurrent.TimeUnit.SECONDS);
        }
        events.start();
        reportLoop.start();
        watcher.start();
    }

    /** The assignment being applied, null before the server answered. */
    public Assignment assignment() {
        return current.get();
    }

    /** This agent's meters. */
    public AgentMetrics metrics() {
        return metrics;
    }

    /**
     * The agent's check for /healthz: Docker answers and the server accepted a report within three
     * heartbeats (at least 15 s); before the first report, within as long from its start.
     */
    public io.dinp.common.metrics.HealthCheck.Result health() {
        long t = System.nanoTime();
        try {
            docker.pingCmd().exec();
        } catch (RuntimeException e) {
            return io.dinp.common.metrics.HealthCheck.Result.failing("Docker does not answer: " + DockerFailures.message(e));
        }
        long dockerMs = (System.nanoTime() - t) / 1_000_000;
        java.time.Duration limit = config.heartbeat().multipliedBy(3);
        if (limit.compareTo(java.time.Duration.ofSeconds(15)) < 0) {
            limit = java.time.Duration.ofSeconds(15);
        }
        java.time.Duration age = metrics.reportAge();
        java.util.Map<String, Object> d = new java.util.LinkedHashMap<>();
        d.put("dockerLatencyMs", dockerMs);
        d.put("limitSeconds", limit.toSeconds());
        d.put("lastReportSecondsAgo", age == null ? "never" : age.toMillis() / 1000.0);
        // never reported: healthy while it is young, failing once it has been silent for as long as the limit
        java.time.Duration silent = age != null ? age : metrics.sinceCreated();
        return new io.dinp.common.metrics.HealthCheck.Result(silent.compareTo(limit) <= 0, d);
    }

    /** Asks for a report soon, e.g. after something changed that Docker sends no event for. */
    public void triggerReport() {
        reportLoop.trigger();
    }

    /** One pass: look at Docker, tell the server, apply the newest assignment. */
    private void cycle() {
        if (closed) {
            return;
        }
        // snapshot before listing: see ReportBuilder for why the order matters
        LocalState local = tracker.snapshot();
        List<ObservedContainer> observed;
        try {
            observed = observer.observe(local.removing());
        } catch (RuntimeException e) {
            if (closed) {
                return; // close() interrupted the listing
            }
            // without Docker's view a report would claim every container gone: send none
            log.warn("cannot list containers of node {}: {}", config.nodeId(), DockerFailures.message(e));
            return;
        }
        metrics.observed((int) observed.stream().filter(c -> c.report().state() == ContainerState.RUNNING).count(),
                observed.size());
        probeUnready(observed, local);
        NodeReport report = ReportBuilder.build(config.nodeId(), config.address(), config.memoryMb(), observed, local,
                config.logUrl());
        try {
            Assignment answer = controlPlane.report(report);
            metrics.reported();
            if (answer != null) {
                offer(answer);
            }
        } catch (Exception e) {
            if (!closed) {
                metrics.reportFailed();
                log.warn("report of node {} failed: {}", config.nodeId(), e.toString());
            }
        }
        converge(observed);
        if (pruner != null && !closed) {
            pruner.tick();
        }
    }

    private boolean reportNow() {
        try {
            reportLoop.runNow().get(REPORT_NOW_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            return false;
        }
    }

    /** Keeps the newer of the current assignment and {@code a}; answers whether {@code a} won. */
    private boolean offer(Assignment a) {
        Assignment previous = current.getAndUpdate(cur -> isNewer(a, cur) ? a : cur);
        boolean newer = isNewer(a, previous);
        if (newer) {
            log.info("node {} assignment {}/{}: {} instances", config.nodeId(), a.epoch(), a.version(), a.instances().size());
        }
        return newer;
    }

    private boolean offerFromWatcher(Assignment a) {
        boolean newer = offer(a);
        if (newer) {
            reportLoop.trigger();
        }
        return newer;
    }

    /**
     * A higher leadership term always wins and a lower one never does (a deposed leader must not
     * steer us). Within a term, a new epoch means a new server run: its versions start over, so
     * any change of epoch wins.
     */
    static boolean isNewer(Assignment a, Assignment current) {
        if (current == null || a.term() > current.term()) {
            return true;
        }
        if (a.term() < current.term()) {
            return false;
        }
        return !Objects.equals(a.epoch(), current.epoch()) || a.version() > current.version();
    }

    private void converge(List<ObservedContainer> observed) {
        Assignment a = current.get();
        if (a == null || closed) {
            return;
        }
        List<ConvergeAction> actions = Converger.plan(config.nodeId(), a.instances(), observed, tracker.startedIds());
        tracker.prune(a.instances().stream().map(InstanceSpec::id).collect(Collectors.toSet()),
                observed.stream().map(ObservedContainer::instanceId).collect(Collectors.toSet()),
                observed.stream().map(ObservedContainer::containerId).collect(Collectors.toSet()));
        for (ConvergeAction action : actions) {
            switch (action) {
                case ConvergeAction.Create c -> {
                    if (tracker.beginCreate(c.spec())) {
                        submit(() -> create(c.spec()));
                    }
                }
                case ConvergeAction.Remove r -> {
                    if (tracker.beginRemove(r.instanceId())) {
                        submit(() -> remove(r.containerId(), r.instanceId()));
                    }
                }
            }
        }
    }

    private void create(InstanceSpec spec) {
        try {
            ContainerLauncher.Launched launched = launch(spec);
            tracker.created(spec.id(), launched.containerId());
            metrics.started();
            if (pruner != null) {
                pruner.request(); // a new image may have arrived
            }
            if (launched.hostPort() > 0) {
                probe(launched.containerId(), launched.hostPort());
            }
        } catch (LaunchException e) {
            metrics.startFailed();
            log.warn("instance {} of app {} failed: {}", spec.id(), spec.app(), e.getMessage());
            tracker.failed(spec.id(), e.getMessage());
        } catch (RuntimeException e) {
            metrics.startFailed();
            log.warn("instance {} of app {} failed", spec.id(), spec.app(), e);
            tracker.failed(spec.id(), "agent error: " + DockerFailures.message(e));
        } finally {
            reportLoop.trigger();
        }
    }

    /** Under the pruner's launch lock, so no image is deleted between its pull and its container. */
    private ContainerLauncher.Launched launch(InstanceSpec spec) throws LaunchException {
        if (pruner == null) {
            return launcher.launch(spec);
        }
        Lock lock = pruner.launchLock();
        lock.lock();
        try {
            return launcher.launch(spec);
        } finally {
            lock.unlock();
        }
    }

    private void remove(String containerId, String instanceId) {
        boolean removed = false;
        try {
            remover.remove(containerId);
            removed = true;
            metrics.stopped();
            if (pruner != null) {
                pruner.request(); // the container's image may be unused now
            }
            if (networks != null) {
                networks.sweep(assignedApps()); // the app's network may be unused now
            }
        } catch (RuntimeException e) {
            metrics.stopFailed();
            log.warn("cannot remove container {} of instance {}, will retry: {}",
                    ReportBuilder.shortId(containerId), instanceId, DockerFailures.message(e));
        } finally {
            tracker.removeFinished(instanceId, containerId, removed);
            reportLoop.trigger();
        }
    }

    /** Running containers nobody probes yet, e.g. ones a previous agent process started. */
    private void probeUnready(List<ObservedContainer> observed, LocalState local) {
        for (ObservedContainer c : observed) {
            var r = c.report();
            if (r.state() == ContainerState.RUNNING && r.hostPort() > 0 && !local.readyContainers().contains(r.containerId())) {
                probe(r.containerId(), r.hostPort());
            }
        }
    }

    private void probe(String containerId, int hostPort) {
        if (tracker.beginProbe(containerId)) {
            prober.probe(config.address(), hostPort, () -> tracker.isProbing(containerId), error -> {
                tracker.probeFinished(containerId, error);
                reportLoop.trigger();
            });
        }
    }

    private void submit(Runnable task) {
        try {
            apply.execute(task);
        } catch (RejectedExecutionException e) {
            // closing: the next agent process will converge again
        }
    }

    /** Stops reporting and applying; containers keep running. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        watcher.close();
        events.close();
        reportLoop.close();
        apply.shutdownNow();
        prober.close();
        if (pruner != null) {
            pruner.close();
        }
        if (firewallCheck != null) {
            firewallCheck.shutdownNow();
        }
        if (firewall != null) {
            firewall.remove();
        }
        log.info("agent of node {} stopped", config.nodeId());
    }
}
