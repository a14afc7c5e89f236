package io.dinp.bench;

import io.dinp.core.ReconcileSettings;
import io.dinp.model.AppSpec;
import io.dinp.model.HealthPhase;
import io.dinp.model.HealthReport;
import io.dinp.model.HmTargets;
import io.dinp.model.RouteTable;
import io.dinp.routebus.RoutePublisher;
import io.dinp.server.ClusterState;
import io.dinp.server.Controller;
import io.dinp.server.ControllerService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * The real server (ClusterState, Controller, ControllerService) in this JVM, with simulated
 * agents reporting to it through {@link ControllerService} as the control API would hand their
 * reports over, and a simulated health monitor. A test harness, not part of the product.
 */
public final class ScaleHarness implements AutoCloseable {
    /**
     * The size of the simulated cluster.
     *
     * @param nodeMemoryMb memory each node offers
     * @param appMemoryMb  memory of each instance
     */
    public record Config(int nodes, int apps, int instancesPerApp, int nodeMemoryMb, int appMemoryMb) {
        public Config {
            if (nodes < 1 || apps < 1 || instancesPerApp < 1) {
                throw new IllegalArgumentException("nodes, apps and instancesPerApp must be at least 1");
            }
            if ((long) apps * instancesPerApp * appMemoryMb > (long) nodes * nodeMemoryMb) {
                throw new IllegalArgumentException("the instances need more memory than the nodes offer");
            }
        }

        public int instances() {
            return apps * instancesPerApp;
        }
    }

    private static final String MONITOR = "bench-hm";

    private final Config config;
    private final ClusterState state;
    private final Controller controller;
    private final ControllerService service;
    private final List<SimulatedAgent> agents = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicLong assigned = new AtomicLong();
    private final AtomicLong running = new AtomicLong();
    private volatile long lastAssignedNanos;
    private volatile List<AppSpec> desired = List.of();
    private boolean loopRunning;

    public ScaleHarness(Config config, RoutePublisher publisher) {
        this.config = config;
        Clock clock = Clock.systemUTC();
        // nodes never time out: the simulated agents report on change, not on a heartbeat timer
        this.state = new ClusterState(clock, Duration.ofHours(1));
        this.controller = new Controller(state, () -> desired, publisher, ReconcileSettings.DEFAULTS, clock,
                Duration.ofHours(1), Duration.ZERO);
        this.service = new ControllerService(state, controller);
    }

    /** Every node reports once (joins, empty), then the control loop starts and the agents long-poll. */
    public void joinNodes() {
        for (int n = 0; n < config.nodes(); n++) {
            String id = String.format("node-%05d", n);
            String address = "10." + (n >> 16 & 255) + "." + (n >> 8 & 255) + "." + (n & 255);
            SimulatedAgent a = new SimulatedAgent(service, id, address, config.nodeMemoryMb(),
                    d -> {
                        assigned.addAndGet(d);
                        lastAssignedNanos = System.nanoTime();
                    },
                    running::addAndGet);
            a.join();
            agents.add(a);
        }
        controller.start();
        loopRunning = true;
        for (SimulatedAgent a : agents) {
            threads.add(Thread.ofVirtual().name("agent").start(a));
        }
    }

    /** The desired apps: {@code apps} apps of {@code instancesPerApp} instances each. */
    public List<AppSpec> apps() {
        List<AppSpec> apps = new ArrayList<>(config.apps());
        for (int i = 0; i < config.apps(); i++) {
            apps.add(new AppSpec(String.format("app-%05d", i), "registry.local/app-" + i + ":v1", config.instancesPerApp(),
                    config.appMemoryMb(), Map.of("GREETING", "hello"), "/health", 1));
        }
        return apps;
    }

    /** Sets the desired state as dash would (the store changed, then the controller is told). */
    public void setDesired(List<AppSpec> apps) {
        desired = List.copyOf(apps);
        service.desiredChanged(null);
    }

    /** Instances in the assignments the agents have received. */
    public long assigned() {
        return assigned.get();
    }

    /** When the agents' assigned total last changed, System.nanoTime. */
    public long lastAssignedNanos() {
        return lastAssignedNanos;
    }

    /** Instances the agents have reported running. */
    public long running() {
        return running.get();
    }

    /** The simulated health monitor checks every instance once and finds it healthy. */
    public int checkAll() throws InterruptedException {
        HmTargets t = service.targets(MONITOR, "", Duration.ZERO).orElseThrow();
        Instant now = Instant.now();
        service.report(MONITOR, t.targets().stream()
                .map(x -> new HealthReport(x.instanceId(), x.port(), HealthPhase.HEALTHY, now, null)).toList());
        return t.targets().size();
    }

    /** Backends in the route table the controller published last. */
    public long routed() {
        return controller.routes().apps().values().stream().mapToLong(List::size).sum();
    }

    public RouteTable routes() {
        return controller.routes();
    }

    public ClusterState state() {
        return state;
    }

    public Controller controller() {
        return controller;
    }

    /** Stops the control loop, so that passes can be run and timed one by one. */
    public void stopLoop() throws InterruptedException {
        if (loopRunning) {
            controller.close();
            loopRunning = false;
            // close() waits 2 s at most; a pass on a loaded machine can take longer, and must not overlap ours
            for (Thread t : Thread.getAllStackTraces().keySet()) {
                if (t.getName().equals("dinp-controller")) {
                    t.join();
                }
            }
        }
    }

    /** Stops the simulated agents; the server keeps what they last reported. */
    public void stopAgents() throws InterruptedException {
        agents.forEach(SimulatedAgent::stop);
        for (Thread t : threads) {
            t.interrupt();
        }
        for (Thread t : threads) {
            t.join();
        }
        threads.clear();
    }

    /** Waits (bounded) for {@code condition}, checking every millisecond; false on timeout. */
    public static boolean await(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(1);
        }
        return true;
    }

    @Override
    public void close() throws InterruptedException {
        stopAgents();
        stopLoop();
    }
}
