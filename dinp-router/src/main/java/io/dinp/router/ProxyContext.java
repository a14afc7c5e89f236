package io.dinp.router;

import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;

/**
 * What every client connection of one router shares: settings, routes, backend connections, health
 * source, metrics, whether to write an access log, and the port its TLS listener is bound to
 * (where plain-HTTP requests of apps that ask for it are redirected; negative without one).
 */
record ProxyContext(RouterConfig config, RouteTableHolder routes, BackendConnector connector,
        BooleanSupplier routeSourceConnected, RouterMetrics metrics, boolean accessLog, IntSupplier tlsPort) {

    ProxyContext(RouterConfig config, RouteTableHolder routes, BackendConnector connector,
                 BooleanSupplier routeSourceConnected) {
        this(config, routes, connector, routeSourceConnected, connector.metrics(), false, () -> -1);
    }
}
