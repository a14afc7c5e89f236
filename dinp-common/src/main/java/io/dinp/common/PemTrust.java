package io.dinp.common;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The CA certificates (PEM) that a DINP client trusts for one data store — Redis, MariaDB, the registry —
 * instead of the JVM's default trust store: data stores of a private cluster have certificates from a
 * private CA.
 */
public final class PemTrust {
    private final Path file;
    private final List<X509Certificate> certificates;

    private PemTrust(Path file, List<X509Certificate> certificates) {
        this.file = file;
        this.certificates = List.copyOf(certificates);
    }

    /**
     * Reads and checks {@code file} now, so a wrong path fails at start-up and not at the first connection.
     *
     * @param what the option or setting that named the file, e.g. {@code --redis-ca-cert}: every error names it
     * @throws IllegalArgumentException when the file is missing, unreadable or holds no X.509 certificate
     */
    public static PemTrust read(Path file, String what) {
        if (file == null) {
            throw new IllegalArgumentException(what + ": a file is required");
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new IllegalArgumentException(what + ": cannot read " + file);
        }
        List<X509Certificate> certs = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            for (var c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                certs.add((X509Certificate) c);
            }
        } catch (IOException | CertificateException e) {
            throw new IllegalArgumentException(what + ": " + file + " is not a PEM certificate (" + e.getMessage() + ")", e);
        }
        if (certs.isEmpty()) {
            throw new IllegalArgumentException(what + ": " + file + " holds no certificate (expected -----BEGIN CERTIFICATE-----)");
        }
        return new PemTrust(file, certs);
    }

    public Path file() {
        return file;
    }

    public List<X509Certificate> certificates() {
        return certificates;
    }

    /** Trust managers that accept exactly the chains ending at one of these certificates. */
    public TrustManagerFactory trustManagers() {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            for (int i = 0; i < certificates.size(); i++) {
                store.setCertificateEntry("ca-" + i, certificates.get(i));
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            return tmf;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build a trust store from " + file, e);
        }
    }

    /** A TLS client context trusting these certificates only. */
    public SSLContext sslContext() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trustManagers().getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build a TLS context trusting " + file, e);
        }
    }

    @Override
    public String toString() {
        return file.toString();
    }
}
