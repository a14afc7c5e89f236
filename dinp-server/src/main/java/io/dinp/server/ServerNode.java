package io.dinp.server;

import io.dinp.common.http.HttpApi;
import io.dinp.pki.Role;
import io.dinp.pki.TlsContexts;
import io.dinp.server.pki.ServerPki;
import io.dinp.routebus.RoutePublisher;
import io.dinp.common.metrics.HealthCheck;
import io.dinp.common.metrics.Healthz;
import io.dinp.common.metrics.Meters;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A running controller: state, control loop and (unless in one JVM) its HTTP control API. */
public final class ServerNode implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ServerNode.class);

    private final Controller controller;
    private final ControllerService service;
    private final HttpApi api;

    private final ServerMetrics metrics;
    private final Clock clock;
    private final Duration resync;

    private ServerNode(Controller controller, ControllerService service, HttpApi api, ServerMetrics metrics, Clock clock,
                       Duration resync) {
        this.metrics = metrics;
        this.clock = clock;
        this.resync = resync;
        this.controller = controller;
        this.service = service;
        this.api = api;
    }

    /** In one JVM: no control API, so no PKI. */
    public static ServerNode start(ServerConfig cfg, DesiredStateSource desired, RoutePublisher routes) throws Exception {
        if (cfg.port() >= 0) {
            throw new IllegalArgumentException("a control API needs the cluster PKI");
        }
        return start(cfg, desired, routes, null);
    }

    /** With the control API on {@code cfg.port()}, over mutual TLS with the certificates of {@code pki}. */
    public static ServerNode start(ServerConfig cfg, DesiredStateSource desired, RoutePublisher routes, ServerPki pki)
            throws Exception {
        Clock clock = Clock.systemUTC();
        ClusterState state = new ClusterState(clock, cfg.nodeTimeout());
        ServerMetrics metrics = new ServerMetrics(Meters.registry());
        metrics.watchNodes(Meters.registry(), state::nodeStates);
        Controller controller = new Controller(state, desired, routes, cfg.reconcile(), clock, cfg.resync(), cfg.settle(),
                metrics);
        controller.load();
        ControllerService service = new ControllerService(state, controller, metrics);
        HttpApi api = null;
        if (cfg.port() >= 0) {
            pki.onRevoked(who -> {
                if (who.role() == Role.NODE) {
                    service.certificatesRevoked(who.id());
                }
            });
            api = ControlApi.create(service, pki);
            int port = api.start(cfg.bindHost(), cfg.port(), pki.identity().serverContext(Role.NODE, Role.HM, Role.DASH),
                    TlsContexts.ClientAuth.WANT);
            log.info("control API listening on {}:{} (HTTPS, client certificates of the cluster)", cfg.bindHost(), port);
        }
        controller.start();
        return new ServerNode(controller, service, api, metrics, clock, cfg.resync());
    }

    /** This server's meters (leader election sets {@link ServerMetrics#leader}). */
    public ServerMetrics metrics() {
        return metrics;
    }

    /**
     * The control loop's check for /healthz: a pass ends at least every resync period, so one
     * that has not ended for three of them (and at least 15 s) means the loop is stuck or failing.
     */
    public HealthCheck.Result controlLoopHealth() {
        Instant last = metrics.lastPass();
        Duration limit = resync.multipliedBy(3).compareTo(Duration.ofSeconds(15)) < 0 ? Duration.ofSeconds(15)
                : resync.multipliedBy(3);
        if (last == null) {
            // the first pass waits for the settle window; until then the loop is starting, not failing
            return HealthCheck.Result.ok(Map.of("lastPass", "none yet"));
        }
        return Healthz.recent("lastPass", Duration.between(last, clock.instant()), limit);
    }

    public ControllerService service() {
        return service;
    }

    public Controller controller() {
        return controller;
    }

    /** The control API's port, or -1 without one. */
    public int port() {
        return api == null ? -1 : api.port();
    }

    @Override
    public void close() {
        if (api != null) {
            api.close();
        }
        controller.close();
    }
}
