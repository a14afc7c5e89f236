package io.dinp.router;

import io.dinp.model.TlsCertificate;
import java.time.Duration;
import java.util.Locale;

/**
 * How a router listens and treats its clients and backends, including the bounds that keep one
 * bad client or one overloaded app from holding the router's resources.
 *
 * <p>What a client gets when it oversteps a bound (the connection is closed after each of these):
 * a request line longer than {@code maxRequestLineLength}: 414; a header block larger than
 * {@code maxHeaderSize}: 431; a Content-Length above {@code maxRequestBodySize}: 413 before
 * anything is forwarded, and a chunked body growing past it: 413 (or a cut-off response if the
 * app already answered); a request head not complete within {@code requestHeadTimeout}: 408.
 *
 * @param bindHost                 address to listen on
 * @param port                     port to listen on; 0 picks a free one (see {@link Router#start()})
 * @param appsDomain               apps are served at {@code <app>.<appsDomain>}
 * @param connectTimeout           how long one backend may take to accept a connection before the next is tried
 * @param clientIdleTimeout        how long a client may leave the router waiting for its bytes: between
 *                                 requests on a keep-alive connection, or in the middle of a request body;
 *                                 the connection is then closed without a response
 * @param requestHeadTimeout       how long a client may take to send a whole request head: from connecting for
 *                                 the first request, from its first byte for each next one (slowloris); 408
 * @param backendIdleTimeout       how long an idle pooled backend connection is kept open
 * @param responseTimeout          how long a backend may stay silent after receiving the whole request; 504
 * @param maxRequestLineLength     longest request line accepted, in bytes; 414
 * @param maxHeaderSize            largest request or response header block accepted, in bytes; 431 for a request,
 *                                 502 for a response
 * @param maxRequestBodySize       largest request body accepted, in bytes; 413. An app's route options
 *                                 ({@code maxBodyBytes}) replace it, up or down, for that app's requests
 * @param maxConnectionsPerBackend connections in use (opening, or carrying a request) to one backend at most;
 *                                 idle pooled ones do not count. A request that would need another tries the
 *                                 app's next instance, and gets 503 when every instance is at the limit
 *                                 (requests are not queued)
 * @param maxRetries               further attempts after a first one failed before any response byte, when
 *                                 retrying is safe (see {@link RetryPolicy}); at most {@code 1 + maxRetries} per request
 * @param ejectFor                 how long new requests avoid a backend after it failed to take a connection
 *                                 (refused, reset, timed out) while the app has other backends; zero turns this off
 * @param tlsPort                  port of the TLS listener (HTTPS, HTTP/2 by ALPN); 0 picks a free one, negative
 *                                 (the default) means none
 * @param defaultCertificate       served on the TLS listener to a client whose server name (SNI) has no certificate
 *                                 of its own in the route table, or that sent none: meant for the apps domain
 *                                 ({@code *.<appsDomain>}); null refuses such handshakes
 * @param upgradedIdleTimeout      how long a connection that switched protocols (a WebSocket) may carry no byte
 *                                 either way before both its sides are closed; zero keeps it open while both ends
 *                                 do. Distinct from the keep-alive timeouts: a quiet WebSocket is not an idle HTTP
 *                                 connection
 * @param ioThreads                event loop threads serving connections; 0 (the default) means one per CPU core,
 *                                 as nginx's {@code worker_processes auto}: more threads than cores only add
 *                                 context switches to a proxy that never blocks
 * @param connectGrace             how long a request may wait when no instance of its app took a connection
 *                                 (refused, timed out: nothing was sent): the router tries them all again after
 *                                 growing pauses (see {@link RetryPolicy#nextRoundDelayMillis}) until one does or
 *                                 this is spent, then answers 502. It covers a gap of a moment, as Docker's
 *                                 rebuilding its NAT rules when dockerd restarts; zero answers 502 at once
 */
public record RouterConfig(String bindHost, int port, String appsDomain, Duration connectTimeout,
        Duration clientIdleTimeout, Duration requestHeadTimeout, Duration backendIdleTimeout,
        Duration responseTimeout, int maxRequestLineLength, int maxHeaderSize, long maxRequestBodySize,
        int maxConnectionsPerBackend, int maxRetries, Duration ejectFor, int tlsPort,
        TlsCertificate defaultCertificate, Duration upgradedIdleTimeout, int ioThreads, Duration connectGrace) {

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
        requirePositive("connectTimeout", connectTimeout);
        if (connectTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("connectTimeout must be under 24 days, was " + connectTimeout);
        }
        requirePositive("clientIdleTimeout", clientIdleTimeout);
        requirePositive("requestHeadTimeout", requestHeadTimeout);
        requirePositive("backendIdleTimeout", backendIdleTimeout);
        requirePositive("responseTimeout", responseTimeout);
        requirePositive("maxRequestLineLength", maxRequestLineLength);
        requirePositive("maxHeaderSize", maxHeaderSize);
        if (maxRequestBodySize < 0) {
            throw new IllegalArgumentException("maxRequestBodySize must be >= 0, was " + maxRequestBodySize);
        }
        requirePositive("maxConnectionsPerBackend", maxConnectionsPerBackend);
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must be >= 0, was " + maxRetries);
        }
        if (upgradedIdleTimeout.isNegative()) {
            throw new IllegalArgumentException("upgradedIdleTimeout must not be negative, was " + upgradedIdleTimeout);
        }
        if (ioThreads < 0) {
            throw new IllegalArgumentException("ioThreads must be >= 0 (0: one per CPU core), was " + ioThreads);
        }
        if (connectGrace.isNegative()) {
            throw new IllegalArgumentException("connectGrace must not be negative, was " + connectGrace);
        }
        if (ejectFor.isNegative()) {
            throw new IllegalArgumentException("ejectFor must not be negative, was " + ejectFor);
        }
        if (tlsPort > 65535) {
            throw new IllegalArgumentException("tlsPort must be 0-65535, or negative for none, was " + tlsPort);
        }
        tlsPort = Math.max(tlsPort, -1);
        if (tlsPort > 0 && tlsPort == port) {
            throw new IllegalArgumentException("tlsPort must differ from port, both were " + port);
        }
    }

    /** Whether the router has a TLS listener. */
    public boolean tls() {
        return tlsPort >= 0;
    }

    private static void requirePositive(String name, Duration d) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + d);
        }
    }

    private static void requirePositive(String name, int n) {
        if (n <= 0) {
            throw new IllegalArgumentException(name + " must be positive, was " + n);
        }
    }

    /**
     * Listens on 0.0.0.0:8080 for {@code *.apps.localhost}. Timeouts: connect 2 s, client idle 60 s,
     * request head 10 s, backend idle 30 s, response 60 s. Limits: request line 8 KiB, header block
     * 32 KiB, request body 1 GiB, 1024 connections per backend. 3 retries, ejection 2 s. No TLS listener.
     * Upgraded connections (WebSockets) close after 1 h without a byte. A request whose app's instances all
     * refuse it waits up to 2 s for one to take it.
     */
    public static RouterConfig defaults() {
        return new RouterConfig("0.0.0.0", 8080, "apps.localhost", Duration.ofSeconds(2), Duration.ofSeconds(60),
                Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60), 8 * 1024, 32 * 1024,
                1024L * 1024 * 1024, 1024, 3, Duration.ofSeconds(2), -1, null, Duration.ofHours(1), 0, Duration.ofSeconds(2));
    }

    public RouterConfig withBind(String host, int port) {
        return new RouterConfig(host, port, appsDomain, connectTimeout, clientIdleTimeout, requestHeadTimeout,
                backendIdleTimeout, responseTimeout, maxRequestLineLength, maxHeaderSize, maxRequestBodySize,
                maxConnectionsPerBackend, maxRetries, ejectFor, tlsPort, defaultCertificate, upgradedIdleTimeout, ioThreads, connectGrace);
    }

    public RouterConfig withAppsDomain(String domain) {
        return new RouterConfig(bindHost, port, domain, connectTimeout, clientIdleTimeout, requestHeadTimeout,
                backendIdleTimeout, responseTimeout, maxRequestLineLength, maxHeaderSize, maxRequestBodySize,
                maxConnectionsPerBackend, maxRetries, ejectFor, tlsPort, defaultCertificate, upgradedIdleTimeout, ioThreads, connectGrace);
    }

    public RouterConfig withConnectTimeout(Duration timeout) {
        return new RouterConfig(bindHost, port, appsDomain, timeout, clientIdleTimeout, requestHeadTimeout,
                backendIdleTimeout, responseTimeout, maxRequestLineLength, maxHeaderSize, maxRequestBodySize,
                maxConnectionsPerBackend, maxRetries, ejectFor, tlsPort, defaultCertificate, upgradedIdleTimeout, ioThreads, connectGrace);
    }

    public RouterConfig withClientIdleTimeout(Duration timeout) {
        return new RouterConfig(bindHost, port, appsDomain, connectTimeout, timeout, requestHeadTimeout,
                backendIdleTimeout, responseTimeout, maxRequestLineLength, maxHeaderSize, maxRequestBodySize,
                maxConnectionsPerBackend, maxRetries, ejectFor, tlsPort, defaultCertificate, upgradedIdleTimeout, ioThreads, connectGrace);
    }

    public RouterConfig withRequestHeadTimeout(Duration timeout) {
        return new RouterConfig(bindHost, port, appsDomain, connectTimeout, clientIdleTimeout, timeout,
                backendIdleTimeout, responseTimeout, maxRequestLineLength, maxHeaderSize, maxRequestBodySize,
                maxConnectionsPerBackend, maxRetries, ejectFor, tlsPort, defaultCertificate, upgradedIdleTimeout, ioThreads, connectGrace);
    }

    public RouterConfig withResponseTimeout(Duration timeout) {
        return new RouterConfig(bindHost, port, appsDomain, connectTimeout, clientIdleTimeout, requestHeadTimeout,
                backendIdleTimeout, timeout, maxRequestLineLength, maxHeaderSize, maxRequestBodySize,
                maxConnectionsPerBackend, maxRetries, ejectFor, tlsPort, defaultCertificate, upgradedIdleTimeout, ioThreads, connectGrace);
    }

    public RouterConfig withMaxRequestLineLength(int bytes) {
        return new RouterConfig(bindHost, port, appsDomain, connectTimeout, clientIdleTimeout, requestHeadTimeout,
                backendIdleTimeout, responseTimeout, bytes, maxHeaderSize, maxRequestBodySize,
                maxConnectionsPerBackend, maxRetries, ejectFor, tlsPort, defaultCertificate, upgradedIdleTimeout, ioThreads, connectGrace);
    }

    public RouterConfig withMaxHeaderSize(int bytes) {
        return new RouterConfig(bindHost, port, appsDomain, connectTimeout, clientIdleTimeout, requestHeadTimeout,
                backendIdleTimeout, responseTimeout, maxRequestLineLength, bytes, maxRequestBodySize,
                maxConnectionsPerBackend, maxRetries, ejectFor, tlsPort, defaultCertificate, upgradedIdleTimeout, ioThreads, connectGrace);
    }

    public RouterConfig withMaxRequestBodySize(long bytes) {
        return new RouterConfig(bindHost, port, appsDomain, connectTimeout, clientIdleTimeout, requestHeadTimeout,
                backendIdleTimeout, responseTimeout, maxRequestLineLength, maxHeaderSize, bytes,
                maxConnectionsPerBackend, maxRetries, ejectFor, tlsPort, defaultCertificate, upgradedIdleTimeout, ioThreads, connectGrace);
    }

    public RouterConfig withMaxConnectionsPerBackend(int connections) {
        return new RouterConfig(bindHost, port, appsDomain, connectTimeout, clientIdleTimeout, requestHeadTimeout,
                backendIdleTimeout, responseTimeout, maxRequestLineLength, maxHeaderSize, maxRequestBodySize,
                connections, maxRetries, ejectFor, tlsPort, defaultCertificate, upgradedIdleTimeout, ioThreads, connectGrace);
    }

    public RouterConfig withMaxRetries(int retries) {
        return new RouterConfig(bindHost, port, appsDomain, connectTimeout, clientIdleTimeout, requestHeadTimeout,
                backendIdleTimeout, responseTimeout, maxRequestLineLength, maxHeaderSize, maxRequestBodySize,
                maxConnectionsPerBackend, retries, ejectFor, tlsPort, defaultCertificate, upgradedIdleTimeout, ioThreads, connectGrace);
    }

    public RouterConfig withEjectFor(Duration duration) {
        return new RouterConfig(bindHost, port, appsDomain, connectTimeout, clientIdleTimeout, requestHeadTimeout,
                backendIdleTimeout, responseTimeout, maxRequestLineLength, maxHeaderSize, maxRequestBodySize,
                maxConnectionsPerBackend, maxRetries, duration, tlsPort, defaultCertificate, upgradedIdleTimeout, ioThreads, connectGrace);
    }

    /**
     * With a TLS listener on {@code tlsPort} (0 picks a free one, negative: none), serving
     * {@code defaultCertificate} (may be null) to server names without a certificate of their own.
     */
    public RouterConfig withTls(int tlsPort, TlsCertificate defaultCertificate) {
        return new RouterConfig(bindHost, port, appsDomain, connectTimeout, clientIdleTimeout, requestHeadTimeout,
                backendIdleTimeout, responseTimeout, maxRequestLineLength, maxHeaderSize, maxRequestBodySize,
                maxConnectionsPerBackend, maxRetries, ejectFor, tlsPort, defaultCertificate, upgradedIdleTimeout, ioThreads, connectGrace);
    }

    public RouterConfig withUpgradedIdleTimeout(Duration timeout) {
        return new RouterConfig(bindHost, port, appsDomain, connectTimeout, clientIdleTimeout, requestHeadTimeout,
                backendIdleTimeout, responseTimeout, maxRequestLineLength, maxHeaderSize, maxRequestBodySize,
                maxConnectionsPerBackend, maxRetries, ejectFor, tlsPort, defaultCertificate, timeout, ioThreads, connectGrace);
    }

    public RouterConfig withIoThreads(int threads) {
        return new RouterConfig(bindHost, port, appsDomain, connectTimeout, clientIdleTimeout, requestHeadTimeout,
                backendIdleTimeout, responseTimeout, maxRequestLineLength, maxHeaderSize, maxRequestBodySize,
                maxConnectionsPerBackend, maxRetries, ejectFor, tlsPort, defaultCertificate, upgradedIdleTimeout, threads, connectGrace);
    }

    public RouterConfig withConnectGrace(Duration grace) {
        return new RouterConfig(bindHost, port, appsDomain, connectTimeout, clientIdleTimeout, requestHeadTimeout,
                backendIdleTimeout, responseTimeout, maxRequestLineLength, maxHeaderSize, maxRequestBodySize,
                maxConnectionsPerBackend, maxRetries, ejectFor, tlsPort, defaultCertificate, upgradedIdleTimeout, ioThreads, grace);
    }

    /** The event loop threads to start: {@link #ioThreads}, or one per CPU core when it is 0. */
    public int effectiveIoThreads() {
        return ioThreads > 0 ? ioThreads : Runtime.getRuntime().availableProcessors();
    }
}
