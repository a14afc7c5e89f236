package io.dinp.router;

import io.dinp.model.RouteTable;
import io.dinp.model.TlsCertificate;
import io.netty.handler.ssl.SslContext;
import io.netty.util.Mapping;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which certificate a TLS client gets, by the server name it asked for (SNI): the route table's
 * certificate for that name (exact, else the one-label wildcard), else the default certificate,
 * else none and the handshake is refused. The table is read at each handshake, so a certificate
 * published with a new table is served from the next handshake on.
 *
 * <p>Building an {@link SslContext} parses PEM and keys, so one is built per certificate, on its
 * first handshake, and kept while the certificate stays in the table: a certificate is a record,
 * so a table that carries the same PEM again reuses the context, and a changed one gets a new
 * context. {@link #retainOnly} drops the contexts of certificates gone from the table.
 */
final class TlsContexts implements Mapping<String, SslContext> {
    private static final Logger log = LoggerFactory.getLogger(TlsContexts.class);

    /** A handshake for a server name the router holds no certificate for. */
    static final class NoCertificateException extends RuntimeException {
        NoCertificateException(String serverName) {
            super(serverName == null ? "no server name (SNI) sent and no default certificate"
                    : "no certificate for " + serverName + " and no default certificate", null, false, false);
        }
    }

    /** A built context, or why the certificate could not be made into one (remembered, logged once). */
    private record Built(SslContext context, RuntimeException failure) {
    }

    private final Supplier<RouteTable> table;
    private final TlsCertificate defaultCertificate;
    private final Function<TlsCertificate, SslContext> build;
    private final ConcurrentHashMap<TlsCertificate, Built> built = new ConcurrentHashMap<>();

    /**
     * @param table              the current route table, read at each handshake
     * @param defaultCertificate for names without a certificate of their own, and clients sending no name; may be null
     * @param build              makes a server context from a certificate (see {@link ServerSslContexts#build})
     */
    TlsContexts(Supplier<RouteTable> table, TlsCertificate defaultCertificate,
            Function<TlsCertificate, SslContext> build) {
        this.table = table;
        this.defaultCertificate = defaultCertificate;
        this.build = build;
    }

    /**
     * The certificate for a server name: the table's for it, else the default; null when neither.
     *
     * @param serverName as the client sent it (SNI), or null when it sent none
     */
    static TlsCertificate choose(RouteTable table, TlsCertificate defaultCertificate, String serverName) {
        String name = normalize(serverName);
        TlsCertificate own = name == null ? null : table.certificateFor(name);
        return own != null ? own : defaultCertificate;
    }

    private static String normalize(String serverName) {
        if (serverName == null || serverName.isEmpty()) {
            return null;
        }
        String name = serverName.toLowerCase(Locale.ROOT);
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }

    /**
     * The context for a handshake, called by Netty's {@code SniHandler} on the connection's event loop.
     *
     * @throws NoCertificateException when the router has no certificate for the name: the connection is closed
     */
    @Override
    public SslContext map(String serverName) {
        TlsCertificate certificate = choose(table.get(), defaultCertificate, serverName);
        if (certificate == null) {
            throw new NoCertificateException(serverName);
        }
        Built b = built.computeIfAbsent(certificate, this::tryBuild);
        if (b.failure() != null) {
            throw b.failure();
        }
        return b.context();
    }

    /** Builds the default certificate's context now. @throws IllegalArgumentException when it cannot be used */
    void checkDefault() {
        if (defaultCertificate != null) {
            Built b = built.computeIfAbsent(defaultCertificate, this::tryBuild);
            if (b.failure() != null) {
                throw new IllegalArgumentException("the default certificate cannot be used: "
                        + b.failure().getMessage(), b.failure());
            }
        }
    }

    private Built tryBuild(TlsCertificate certificate) {
        try {
            return new Built(build.apply(certificate), null);
        } catch (RuntimeException e) {
            // Certificates are checked on upload, so this is rare; the name's handshakes fail until it is replaced.
            log.warn("cannot serve a TLS certificate ({}): {}", certificate, e.toString());
            return new Built(null, e);
        }
    }

    /**
     * Forgets the contexts of certificates that are neither in {@code current} nor the default.
     * A handshake racing with this may put a just-removed certificate back; the next table drops it.
     */
    void retainOnly(RouteTable current) {
        Set<TlsCertificate> live = new HashSet<>(current.certificates().values());
        if (defaultCertificate != null) {
            live.add(defaultCertificate);
        }
        built.keySet().retainAll(live);
    }

    /** How many certificates have a context (or a remembered failure) right now. */
    int size() {
        return built.size();
    }
}
