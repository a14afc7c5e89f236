package io.dinp.router;

import java.util.function.BooleanSupplier;

/** What every client connection of one router shares: settings, routes, backend connections, health source. */
record ProxyContext(RouterConfig config, RouteTableHolder routes, BackendConnector connector,
        BooleanSupplier routeSourceConnected) {
}
