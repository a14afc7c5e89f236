package io.dinp.dist;

import io.dinp.common.PemTrust;
import io.dinp.routebus.RedisEndpoint;
import io.dinp.routebus.RedisFailure;
import io.dinp.routebus.RedisProbe;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * How a role reaches Redis beyond its {@code --redis URI}: the password and the CA of Redis's TLS
 * certificate. The password comes from a file or the environment, never the command line.
 */
final class RedisOptions {
    @Option(names = "--redis-password-file", paramLabel = "FILE",
            description = "file holding the Redis password (its requirepass), or set DINP_REDIS_PASSWORD")
    Path passwordFile;

    @Option(names = "--redis-ca-cert", paramLabel = "FILE",
            description = "PEM certificate of the CA that signed Redis's TLS certificate, for a rediss:// URI "
                    + "(default: the JVM's CAs)")
    Path caCertificate;

    /**
     * The endpoint for {@code uri} with the password and CA given.
     *
     * @throws IllegalArgumentException naming the option that is wrong
     */
    RedisEndpoint endpoint(String uri) throws IOException {
        if (uri == null) {
            if (passwordFile != null || caCertificate != null) {
                throw new IllegalArgumentException("--redis-password-file and --redis-ca-cert need --redis");
            }
            return null;
        }
        RedisEndpoint endpoint;
        try {
            endpoint = RedisEndpoint.of(uri);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--redis: " + e.getMessage(), e);
        }
        String password = Secrets.read(passwordFile, "DINP_REDIS_PASSWORD", "--redis-password-file");
        if (password != null) {
            if (password.isEmpty()) {
                throw new IllegalArgumentException("--redis-password-file: " + passwordFile + " is empty");
            }
            endpoint = endpoint.withPassword(password);
        }
        if (caCertificate != null) {
            if (!endpoint.tls()) {
                throw new IllegalArgumentException("--redis-ca-cert needs a rediss:// (TLS) --redis URI, not " + uri);
            }
            endpoint = endpoint.withTrust(PemTrust.read(caCertificate, "--redis-ca-cert"));
        }
        return endpoint;
    }

    /**
     * Connects once: a refused password or certificate stops the role now (retrying cannot fix it);
     * an unreachable Redis only gets a warning, the role's own retries take it from there.
     *
     * @throws IllegalArgumentException with the cause, when the settings are wrong
     */
    static void check(String role, RedisEndpoint endpoint) {
        if (!endpoint.tls() && !Loopback.host(URI.create(endpoint.uri()).getHost())) {
            System.err.println("dinp " + role + ": warning: Redis at " + endpoint.uri() + " is reached without TLS: the "
                    + "route table, custom domains' private keys included, crosses the network in the clear (use rediss://)");
        }
        RedisFailure failure = RedisProbe.check(endpoint).orElse(null);
        if (failure == null) {
            return;
        }
        if (failure.settings()) {
            throw new IllegalArgumentException(failure.message());
        }
        System.err.println("dinp " + role + ": warning: " + failure.message() + "; retrying in the background");
    }
}
