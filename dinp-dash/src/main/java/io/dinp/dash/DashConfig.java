package io.dinp.dash;

import io.dinp.model.access.TrustedProxies;
import java.nio.file.Path;
import java.time.Clock;
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
 * @param secretKeyFile the cluster's secret key file, which must exist; null: {@code DATA_DIR/secret-key},
 *                      created at the first start
 * @param clock       the time of the sign-in throttles and the token limit (tests pass their own)
 * @param trustedProxies load balancers in front whose {@code X-Forwarded-For} names the client
 *                       (throttles, audit); none by default
 */
public record DashConfig(String bindHost, int port, String appsDomain, int routerPort, boolean secureCookies,
                         Duration sessionTtl, SSLContext tls, Path secretKeyFile, Clock clock,
                         TrustedProxies trustedProxies) {
    public static final Duration DEFAULT_SESSION_TTL = Duration.ofHours(12);

    public DashConfig(String bindHost, int port, String appsDomain, int routerPort) {
        this(bindHost, port, appsDomain, routerPort, false, DEFAULT_SESSION_TTL, null);
    }

    /** Plain HTTP (loopback only), with the secret key in the data directory. */
    public DashConfig(String bindHost, int port, String appsDomain, int routerPort, boolean secureCookies,
                      Duration sessionTtl) {
        this(bindHost, port, appsDomain, routerPort, secureCookies, sessionTtl, null);
    }

    /** With the secret key in the data directory. */
    public DashConfig(String bindHost, int port, String appsDomain, int routerPort, boolean secureCookies,
                      Duration sessionTtl, SSLContext tls) {
        this(bindHost, port, appsDomain, routerPort, secureCookies, sessionTtl, tls, null, Clock.systemUTC(), TrustedProxies.NONE);
    }

    public DashConfig withSecretKeyFile(Path file) {
        return new DashConfig(bindHost, port, appsDomain, routerPort, secureCookies, sessionTtl, tls, file, clock, trustedProxies);
    }

    public DashConfig withClock(Clock c) {
        return new DashConfig(bindHost, port, appsDomain, routerPort, secureCookies, sessionTtl, tls, secretKeyFile, c, trustedProxies);
    }

    public DashConfig withTrustedProxies(TrustedProxies p) {
        return new DashConfig(bindHost, port, appsDomain, routerPort, secureCookies, sessionTtl, tls, secretKeyFile, clock, p);
    }

    public DashConfig {
        clock = clock == null ? Clock.systemUTC() : clock;
        trustedProxies = trustedProxies == null ? TrustedProxies.NONE : trustedProxies;
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
