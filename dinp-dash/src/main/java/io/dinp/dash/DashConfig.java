package io.dinp.dash;

import java.time.Duration;

/**
 * Settings of the API server.
 *
 * @param appsDomain  apps are reachable at {@code <app>.<appsDomain>}
 * @param routerPort  the public port of the routers, shown in app URLs (80 is left out)
 * @param secureCookies mark the session cookie Secure even on plain HTTP: for a dash behind a
 *                      TLS-terminating proxy that does not send {@code X-Forwarded-Proto: https}
 * @param sessionTtl  how long a browser session lasts from sign-in
 */
public record DashConfig(String bindHost, int port, String appsDomain, int routerPort, boolean secureCookies,
                         Duration sessionTtl) {
    public static final Duration DEFAULT_SESSION_TTL = Duration.ofHours(12);

    public DashConfig(String bindHost, int port, String appsDomain, int routerPort) {
        this(bindHost, port, appsDomain, routerPort, false, DEFAULT_SESSION_TTL);
    }

    public DashConfig {
        if (sessionTtl == null || sessionTtl.isNegative() || sessionTtl.isZero()) {
            throw new IllegalArgumentException("sessionTtl: must be positive, was " + sessionTtl);
        }
    }
}
