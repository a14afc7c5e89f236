package io.dinp.routebus;

import io.dinp.common.PemTrust;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;
import java.util.Optional;

/**
 * A Redis DINP talks to and how: its address ({@code redis://} plain, {@code rediss://} TLS with the
 * server's certificate and name verified), the password it asks for, and the CA that vouches for its
 * certificate when that is not one the JVM already trusts. The route table carries custom domains'
 * private keys, so a cluster's Redis should be reached with TLS and a password.
 *
 * <p>The password is kept apart from the URI and never shown: {@link #toString()} is safe to log.
 */
public final class RedisEndpoint {
    private final URI uri;
    private final String password;
    private final PemTrust trust;

    private RedisEndpoint(URI uri, String password, PemTrust trust) {
        this.uri = uri;
        this.password = password;
        this.trust = trust;
    }

    /**
     * A Redis at {@code uri}: {@code redis[s]://host[:port][/db]}, with no credentials in it.
     *
     * @throws IllegalArgumentException saying what is wrong with the URI; never repeating a password in it
     */
    public static RedisEndpoint of(String uri) {
        if (uri == null || uri.isBlank()) {
            throw new IllegalArgumentException("a Redis URI is required, e.g. rediss://10.0.0.1:6380");
        }
        URI u;
        try {
            u = new URI(uri.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a Redis URI: " + mask(uri) + " (write redis[s]://host[:port])");
        }
        if (!"redis".equals(u.getScheme()) && !"rediss".equals(u.getScheme())) {
            throw new IllegalArgumentException("Redis URI " + mask(uri) + " must start with redis:// or rediss:// (TLS)");
        }
        if (u.getRawUserInfo() != null) {
            throw new IllegalArgumentException("Redis URI " + mask(uri) + " carries credentials: give the password "
                    + "separately (a file or the environment), where other users cannot read it");
        }
        if (u.getHost() == null || u.getHost().isBlank()) {
            throw new IllegalArgumentException("Redis URI " + mask(uri) + " names no host");
        }
        String path = u.getRawPath();
        if (path != null && !path.isEmpty() && !path.matches("/\\d{1,2}")) {
            throw new IllegalArgumentException("Redis URI " + mask(uri) + ": the path may only be a database number, e.g. /0");
        }
        if (u.getRawQuery() != null || u.getRawFragment() != null) {
            throw new IllegalArgumentException("Redis URI " + mask(uri) + ": no query or fragment, only redis[s]://host[:port][/db]");
        }
        return new RedisEndpoint(u, null, null);
    }

    /** The same Redis, authenticating with {@code password} (the {@code requirepass} of the server). */
    public RedisEndpoint withPassword(String password) {
        Objects.requireNonNull(password, "password");
        if (password.isEmpty()) {
            throw new IllegalArgumentException("the Redis password is empty");
        }
        return new RedisEndpoint(uri, password, trust);
    }

    /** The same Redis, its TLS certificate verified against {@code trust} instead of the JVM's CAs. */
    public RedisEndpoint withTrust(PemTrust trust) {
        Objects.requireNonNull(trust, "trust");
        if (!tls()) {
            throw new IllegalArgumentException("a CA certificate for Redis needs a rediss:// URI (TLS), not " + uri);
        }
        return new RedisEndpoint(uri, password, trust);
    }

    /** Whether connections use TLS ({@code rediss://}). */
    public boolean tls() {
        return "rediss".equals(uri.getScheme());
    }

    /** The URI without credentials, e.g. {@code rediss://10.0.0.1:6380}. */
    public String uri() {
        return uri.toString();
    }

    Optional<String> password() {
        return Optional.ofNullable(password);
    }

    Optional<PemTrust> trust() {
        return Optional.ofNullable(trust);
    }

    /** For logs: the URI, whether a password is set (never the password) and the CA file. */
    @Override
    public String toString() {
        return uri + (password == null ? "" : " (password ***)") + (trust == null ? "" : " (CA " + trust.file() + ")");
    }

    /** {@code uri} with anything between {@code //} and {@code @} replaced, for error messages about bad URIs. */
    static String mask(String uri) {
        int start = uri.indexOf("//");
        int at = uri.lastIndexOf('@');
        if (start < 0 || at < start) {
            return uri;
        }
        return uri.substring(0, start + 2) + "***@" + uri.substring(at + 1);
    }
}
