package io.dinp.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.HexFormat;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Trust in one CA for an HTTPS API ({@code dinp login --ca-cert}): the cluster's CA, whose
 * certificate the API's names. Host names are still checked, as for any HTTPS site.
 */
final class CaTrust {
    private CaTrust() {
    }

    /** The PEM text of a CA file, checked to hold at least one certificate. */
    static String read(Path file) {
        try {
            String pem = Files.readString(file, StandardCharsets.US_ASCII);
            certificates(pem);
            return pem;
        } catch (IOException e) {
            throw CliException.usage("cannot read the CA certificate " + file + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw CliException.usage(file + ": " + e.getMessage());
        }
    }

    static SSLContext context(String pem) {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            int i = 0;
            for (X509Certificate c : certificates(pem)) {
                ks.setCertificateEntry("ca" + i++, c);
            }
            TrustManagerFactory f = TrustManagerFactory.getInstance("PKIX");
            f.init(ks);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, f.getTrustManagers(), null);
            return ctx;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot trust the CA certificate", e);
        }
    }

    /** SHA-256 of the first certificate, as {@code openssl x509 -outform der | sha256sum} prints it. */
    static String fingerprint(String pem) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificates(pem).iterator().next().getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Collection<X509Certificate> certificates(String pem) {
        try {
            Collection<X509Certificate> certs = (Collection<X509Certificate>) CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
            if (certs.isEmpty()) {
                throw new IllegalArgumentException("holds no certificate");
            }
            return certs;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("is not a PEM certificate: " + e.getMessage());
        }
    }
}
