package io.dinp.pki;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * A key manager with one certificate that can be replaced while connections run: new handshakes
 * use the new one, open connections keep theirs. This is how a renewed certificate takes effect
 * without a restart, in clients and servers alike. Each certificate has an alias of its own, and
 * the previous one stays resolvable, so a handshake that chose an alias just before a swap still
 * gets the key that goes with it.
 */
public final class SwappableKeyManager extends X509ExtendedKeyManager {
    private record Entry(String alias, PrivateKey key, X509Certificate[] chain) {
    }

    private final AtomicLong generation = new AtomicLong();
    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private volatile Entry current;

    public SwappableKeyManager(Credentials first) {
        swap(first);
    }

    /** From now on, handshakes present {@code next}. */
    public synchronized void swap(Credentials next) {
        Entry e = new Entry("dinp-" + generation.incrementAndGet(), next.key(),
                new X509Certificate[] {next.certificate(), next.ca()});
        Entry previous = current;
        entries.keySet().removeIf(a -> previous == null || !a.equals(previous.alias()));
        entries.put(e.alias(), e);
        current = e;
    }

    /** The certificate new handshakes present. */
    public X509Certificate certificate() {
        return current.chain()[0];
    }

    private String alias(String... keyTypes) {
        Entry e = current;
        if (keyTypes == null || keyTypes.length == 0) {
            return e.alias();
        }
        return Arrays.stream(keyTypes).anyMatch(t -> t != null && t.startsWith(e.key().getAlgorithm())) ? e.alias() : null;
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        String a = alias(keyType);
        return a == null ? null : new String[] {a};
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return alias(keyType);
    }

    @Override
    public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
        return alias(keyType);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        String a = alias(keyType);
        return a == null ? null : new String[] {a};
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return alias(keyType);
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return alias(keyType);
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        Entry e = entries.get(alias);
        return e == null ? null : e.chain().clone();
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        Entry e = entries.get(alias);
        return e == null ? null : e.key();
    }
}
