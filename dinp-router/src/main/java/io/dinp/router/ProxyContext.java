package io.dinp.router;

import java.util.function.BooleanSupplier;

/**
 * What every client connection of one router shares: settings, routes, backend connections, health
 * source, metrics, and whether to write an access log.
 */
record ProxyContext(RouterConfig config, RouteTableHolder routes, BackendConnector connector,
        BooleanSupplier routeSourceConnected, RouterMetrics metrics, boolean accessLog) {

    ProxyContext(RouterConfig config, RouteTableHolder routes, BackendConnector connector,
                 BooleanSupplier routeSourceConnected) {
        this(config, routes, connector, routeSourceConnected, connector.metrics(), false);
    }
}
