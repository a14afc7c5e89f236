package io.dinp.server;

import io.dinp.common.http.HttpApi;
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

    public static ServerNode start(ServerConfig cfg, DesiredStateSource desired, RoutePublisher routes) throws Exception {
        Clock clock = Clock.systemUTC();
        ClusterState state = new ClusterState(clock, cfg.nodeTimeout());
        Controller controller = new Controller(state, desired, routes, cfg.reconcile(), clock, cfg.resync(), cfg.settle());
        controller.load();
        ControllerService service = new ControllerService(state, controller);
        HttpApi api = null;
        if (cfg.port() >= 0) {
            api = ControlApi.create(service, cfg.joinToken());
            int port = api.start(cfg.bindHost(), cfg.port());
            log.info("control API listening on {}:{}", cfg.bindHost(), port);
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
