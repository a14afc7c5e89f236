package io.dinp.router;

import java.time.Duration;
import java.util.Locale;

/**
 * How a router listens and treats its clients and backends.
 *
 * @param bindHost           address to listen on
 * @param port               port to listen on; 0 picks a free one (see {@link Router#start()})
 * @param appsDomain         apps are served at {@code <app>.<appsDomain>}
 * @param connectTimeout     how long one backend may take to accept a connection before the next is tried
 * @param clientIdleTimeout  how long an idle keep-alive client connection is kept open
 * @param backendIdleTimeout how long an idle pooled backend connection is kept open
 * @param responseTimeout    how long a backend may stay silent after receiving the whole request
 * @param maxHeaderSize      largest request or response header block accepted, in bytes
 * @param maxRetries         further attempts after a first one failed before any response byte, when
 *                           retrying is safe (see {@link RetryPolicy}); at most {@code 1 + maxRetries} per request
 * @param ejectFor           how long new requests avoid a backend after it failed to take a connection
 *                           (refused, reset, timed out) while the app has other backends; zero turns this off
 * @param upgradedIdleTimeout how long a connection that switched protocols (a WebSocket) may carry no byte
 *                           either way before both its sides are closed; zero keeps it open while both ends do.
 *                           Distinct from the keep-alive timeouts: a quiet WebSocket is not an idle HTTP connection
 */
public record RouterConfig(String bindHost, int port, String appsDomain, Duration connectTimeout,
        Duration clientIdleTimeout, Duration backendIdleTimeout, Duration responseTimeout,
        int maxHeaderSize, int maxRetries, Duration ejectFor, Duration upgradedIdleTimeout) {

    public RouterConfig {
        String d = appsDomain.trim().toLowerCase(Locale.ROOT);
        while (d.startsWith(".")) {
            d = d.substring(1);
        }
        while (d.endsWith(".")) {
            d = d.substring(0, d.length() - 1);
        }
        if (d.isEmpty()) {
            throw new IllegalArgumentException("appsDomain must not be empty");
        }
        appsDomain = d;
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0-65535, was " + port);
        }
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must be >= 0, was " + maxRetries);
        }
        if (ejectFor.isNegative()) {
            throw new IllegalArgumentException("ejectFor must not be negative, was " + ejectFor);
        }
        if (upgradedIdleTimeout.isNegative()) {
            throw new IllegalArgumentException("upgradedIdleTimeout must not be negative, was " + upgradedIdleTimeout);
        }
    }

    public static RouterConfig defaults() {
        return new RouterConfig("0.0.0.0", 8080, "apps.localhost", Duration.ofSeconds(2),
                Duration.ofSeconds(60), Duration.ofSeconds(30), Duration.ofSeconds(60), 16 * 1024, 3,
                Duration.ofSeconds(2), Duration.ofHours(1));
    }

    public RouterConfig withBind(String host, int port) {
        return new RouterConfig(host, port, appsDomain, connectTimeout, clientIdleTimeout,
                backendIdleTimeout, responseTimeout, maxHeaderSize, maxRetries, ejectFor, upgradedIdleTimeout);
    }

    public RouterConfig withAppsDomain(String domain) {
        return new RouterConfig(bindHost, port, domain, connectTimeout, clientIdleTimeout,
                backendIdleTimeout, responseTimeout, maxHeaderSize, maxRetries, ejectFor, upgradedIdleTimeout);
    }

    public RouterConfig withMaxRetries(int retries) {
        return new RouterConfig(bindHost, port, appsDomain, connectTimeout, clientIdleTimeout,
                backendIdleTimeout, responseTimeout, maxHeaderSize, retries, ejectFor, upgradedIdleTimeout);
    }

    public RouterConfig withEjectFor(Duration duration) {
        return new RouterConfig(bindHost, port, appsDomain, connectTimeout, clientIdleTimeout,
                backendIdleTimeout, responseTimeout, maxHeaderSize, maxRetries, duration, upgradedIdleTimeout);
    }

    public RouterConfig withUpgradedIdleTimeout(Duration timeout) {
        return new RouterConfig(bindHost, port, appsDomain, connectTimeout, clientIdleTimeout,
                backendIdleTimeout, responseTimeout, maxHeaderSize, maxRetries, ejectFor, timeout);
    }
}
