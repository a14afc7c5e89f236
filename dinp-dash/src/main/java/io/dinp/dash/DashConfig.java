package io.dinp.dash;

/**
 * Settings of the API server.
 *
 * @param appsDomain  apps are reachable at {@code <app>.<appsDomain>}
 * @param routerPort  the public port of the routers, shown in app URLs (80 is left out)
 */
public record DashConfig(String bindHost, int port, String appsDomain, int routerPort) {
}
