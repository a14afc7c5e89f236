package io.dinp.server;

import io.dinp.common.http.HttpApi;
import io.dinp.common.metrics.HealthCheck;
import io.dinp.common.metrics.Healthz;
import io.dinp.common.metrics.Meters;
import io.dinp.model.HealthMonitors;
import io.dinp.model.HealthReport;
import io.dinp.model.HmTargets;
import io.dinp.pki.Role;
import io.dinp.pki.TlsContexts;
import io.dinp.server.pki.ServerPki;
import io.dinp.routebus.RoutePublisher;
import io.dinp.store.LeaseStore;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running server: its HTTP control API (unless in one JVM) and, while it leads, the controller
 * (state and control loop). A server started with an election stands by until it holds the
 * lease, builds a fresh controller for each term it wins (adopting what agents report during the
 * settle window) and drops it the moment it stops leading.
 */
public final class ServerNode implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ServerNode.class);

    /** The controller of one term. */
    private record Leading(long term, ClusterState state, Controller controller, ControllerService service) {
    }

    private final ServerConfig cfg;
    private final DesiredStateSource desired;
    private final RoutePublisher routes;
    private final ServerPki pki;
    private final Object transitions = new Object();
    private volatile Leading current;
    private volatile LeaderElector elector;
    private volatile LeaseStore leaseStore;
    private HttpApi api;

    private final ServerMetrics metrics;
    private final Clock clock = Clock.systemUTC();

    private ServerNode(ServerConfig cfg, DesiredStateSource desired, RoutePublisher routes, ServerPki pki) {
        this.cfg = cfg;
        this.desired = desired;
        this.routes = routes;
        this.pki = pki;
        // one set of meters for the server, whichever term's controller acts
        this.metrics = new ServerMetrics(Meters.registry());
        metrics.watchNodes(Meters.registry(), () -> {
            Leading l = current;
            return l == null ? Map.of() : l.state().nodeStates();
        });
    }

    /** In one JVM: no control API, so no PKI. */
    public static ServerNode start(ServerConfig cfg, DesiredStateSource desired, RoutePublisher routes) throws Exception {
        if (cfg.port() >= 0) {
            throw new IllegalArgumentException("a control API needs the cluster PKI");
        }
        return start(cfg, desired, routes, null);
    }

    /**
     * The only server: it always leads. With the control API on {@code cfg.port()}, over mutual
     * TLS with the certificates of {@code pki}.
     */
    public static ServerNode start(ServerConfig cfg, DesiredStateSource desired, RoutePublisher routes, ServerPki pki)
            throws Exception {
        ServerNode node = new ServerNode(cfg, desired, routes, pki);
        Leading l = node.lead(0, Fence.NONE);
        node.current = l;
        node.metrics.leader(true);
        node.listen();
        l.controller().start();
        return node;
    }

    /**
     * One of several servers: it leads while it holds the lease in {@code lease}, and stands by
     * (answering "not leader") otherwise.
     *
     * @param advertise where clients reach this server's control API, shown to them by standbys
     * @param leaseDuration how long a silent leader keeps the lease
     */
    public static ServerNode startElected(ServerConfig cfg, DesiredStateSource desired, RoutePublisher routes,
                                          ServerPki pki, LeaseStore lease, String advertise, Duration leaseDuration)
            throws Exception {
        ServerNode node = new ServerNode(cfg, desired, routes, pki);
        String id = advertise.replaceFirst("^https://", "") + "#" + Controller.newInstanceId();
        node.leaseStore = lease;
        node.metrics.leader(false);
        node.elector = new LeaderElector(lease, id, advertise, leaseDuration, node.new Transitions(advertise));
        node.listen();
        node.elector.start();
        log.info("server {} standing by for the lease (lease {} ms)", id, leaseDuration.toMillis());
        return node;
    }

    private Leading lead(long term, Fence fence) throws Exception {
        ClusterState state = new ClusterState(clock, cfg.nodeTimeout(), ClusterState.DEFAULT_MONITOR_TIMEOUT, term);
        Controller controller = new Controller(state, desired, routes, cfg.reconcile(), clock, cfg.resync(), cfg.settle(), fence,
                metrics);
        controller.load();
        return new Leading(term, state, controller, new ControllerService(state, controller, metrics));
    }

    private void listen() throws java.io.IOException {
        if (cfg.port() < 0) {
            return;
        }
        pki.onRevoked(who -> {
            Leading l = current;
            if (who.role() == Role.NODE && l != null) {
                l.service().certificatesRevoked(who.id());
            }
        });
        api = ControlApi.create(() -> {
            Leading l = current;
            return l == null ? null : l.service();
        }, () -> elector == null ? "" : elector.leaderUrl(), pki);
        int port = api.start(cfg.bindHost(), cfg.port(), pki.identity().serverContext(Role.NODE, Role.HM, Role.DASH),
                TlsContexts.ClientAuth.WANT);
        log.info("control API listening on {}:{} (HTTPS, client certificates of the cluster)", cfg.bindHost(), port);
    }

    /** Starts and stops the controller as the lease comes and goes. */
    private final class Transitions implements LeaderElector.Listener {
        private final String advertise;

        Transitions(String advertise) {
            this.advertise = advertise;
        }

        @Override
        public void elected(long term) throws Exception {
            Fence fence = new LeaseFence(term);
            Leading l = lead(term, fence);
            fence.fenced(() -> {
                desired.record("leader.elected", "term " + term + ": " + advertise + " (" + elector.id() + ") leads");
                return null;
            });
            synchronized (transitions) {
                if (!elector.leading(term)) {
                    l.controller().close();
                    return;
                }
                current = l;
                metrics.leader(true);
                l.controller().start();
            }
            log.info("controller started for term {}; settling {} s before deciding", term, cfg.settle().toSeconds());
        }

        @Override
        public void deposed(long term, String reason) {
            Leading l;
            synchronized (transitions) {
                l = current;
                if (l == null || l.term() != term) {
                    return;
                }
                current = null;
                metrics.leader(false);
            }
            l.controller().close();
            l.state().retire();
            log.warn("controller of term {} stopped: {}", term, reason);
        }
    }

    /** Acts while the elector says this server leads at the term; SQL writes checked in their transaction. */
    private final class LeaseFence implements Fence {
        private final long term;

        LeaseFence(long term) {
            this.term = term;
        }

        @Override
        public long term() {
            return term;
        }

        @Override
        public boolean acting() {
            return elector.leading(term);
        }

        @Override
        public <T> T fenced(java.util.concurrent.Callable<T> work) throws Exception {
            return leaseStore().fenced(elector.id(), term, h -> {
                try {
                    return work.call();
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        }
    }

    private LeaseStore leaseStore() {
        return leaseStore;
    }

    /** The leading controller's service; in a server with an election, null while standing by. */
    public ControllerService service() {
        Leading l = current;
        return l == null ? null : l.service();
    }

    /** The leading controller; in a server with an election, null while standing by. */
    public Controller controller() {
        Leading l = current;
        return l == null ? null : l.controller();
    }

    /** Whether this server leads now. */
    public boolean leading() {
        return current != null;
    }

    /** The health-monitor side of whichever controller leads here; fails while standing by. */
    public HealthMonitors healthMonitors() {
        return new HealthMonitors() {
            @Override
            public Optional<HmTargets> targets(String hmId, String knownHash, Duration wait) throws Exception {
                return leader().targets(hmId, knownHash, wait);
            }

            @Override
            public void report(String hmId, List<HealthReport> reports) throws Exception {
                leader().report(hmId, reports);
            }

            private ControllerService leader() throws IOException {
                ControllerService s = service();
                if (s == null) {
                    throw new IOException("this server does not lead now");
                }
                return s;
            }
        };
    }

    /** This server's meters. */
    public ServerMetrics metrics() {
        return metrics;
    }

    /**
     * The control loop's check for /healthz: a pass ends at least every resync period, so one
     * that has not ended for three of them (and at least 15 s) means the loop is stuck or failing.
     * A standby has no loop to check: it is healthy while it waits for the lease.
     */
    public HealthCheck.Result controlLoopHealth() {
        if (current == null) {
            return HealthCheck.Result.ok(Map.of("role", "standby"));
        }
        Instant last = metrics.lastPass();
        Duration limit = cfg.resync().multipliedBy(3).compareTo(Duration.ofSeconds(15)) < 0 ? Duration.ofSeconds(15)
                : cfg.resync().multipliedBy(3);
        if (last == null) {
            // the first pass waits for the settle window; until then the loop is starting, not failing
            return HealthCheck.Result.ok(Map.of("lastPass", "none yet"));
        }
        return Healthz.recent("lastPass", Duration.between(last, clock.instant()), limit);
    }

    /** The control API's port, or -1 without one. */
    public int port() {
        return api == null ? -1 : api.port();
    }

    @Override
    public void close() {
        if (elector != null) {
            elector.close(); // steps down and releases the lease
        }
        if (api != null) {
            api.close();
        }
        Leading l = current;
        if (l != null) {
            l.controller().close();
        }
    }
}
