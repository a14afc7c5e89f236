package io.dinp.dash;

import java.time.Duration;
import javax.net.ssl.SSLContext;

/**
 * Settings of the API server.
 *
 * @param appsDomain  apps are reachable at {@code <app>.<appsDomain>}
 * @param routerPort  the public port of the routers, shown in app URLs (80 is left out)
 * @param secureCookies mark the session cookie Secure even on plain HTTP: for a dash behind a
 *                      TLS-terminating proxy that does not send {@code X-Forwarded-Proto: https}
 * @param sessionTtl  how long a browser session lasts from sign-in
 * @param tls         serve HTTPS with this context; null for plain HTTP, which only a loopback
 *                    address may serve (passwords, tokens and cookies must not cross a network in
 *                    the clear)
 */
public record DashConfig(String bindHost, int port, String appsDomain, int routerPort, boolean secureCookies,
                         Duration sessionTtl, SSLContext tls) {
    public static final Duration DEFAULT_SESSION_TTL = Duration.ofHours(12);

    public DashConfig(String bindHost, int port, String appsDomain, int routerPort) {
        this(bindHost, port, appsDomain, routerPort, false, DEFAULT_SESSION_TTL, null);
    }

    public DashConfig {
        if (sessionTtl == null || sessionTtl.isNegative() || sessionTtl.isZero()) {
            throw new IllegalArgumentException("sessionTtl: must be positive, was " + sessionTtl);
        }
        if (tls == null && !Loopback.is(bindHost)) {
            throw new IllegalArgumentException("the API listens on " + bindHost + ", beyond this machine: it serves HTTPS only "
                    + "there (give a certificate, or let the cluster CA issue one); plain HTTP only on 127.0.0.1 or ::1");
        }
        // over HTTPS the cookie is Secure anyway; saying so keeps a proxy's plain-HTTP leg from dropping it
        secureCookies = secureCookies || tls != null;
    }
}
