package io.dinp.server;

import io.dinp.common.http.HttpApi;
import io.dinp.pki.Role;
import io.dinp.pki.TlsContexts;
import io.dinp.server.pki.ServerPki;
import io.dinp.routebus.RoutePublisher;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A running controller: state, control loop and (unless in one JVM) its HTTP control API. */
public final class ServerNode implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ServerNode.class);

    private final Controller controller;
    private final ControllerService service;
    private final HttpApi api;

    private ServerNode(Controller controller, ControllerService service, HttpApi api) {
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
        Controller controller = new Controller(state, desired, routes, cfg.reconcile(), clock, cfg.resync(), cfg.settle());
        controller.load();
        ControllerService service = new ControllerService(state, controller);
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
        return new ServerNode(controller, service, api);
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
