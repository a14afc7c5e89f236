package io.dinp.pki;

import io.dinp.model.KeyProof;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;

/**
 * What a component proves itself with: its key, the certificate the CA signed for it, and the
 * CA's certificate, which it trusts for its peers.
 */
public record Credentials(PrivateKey key, X509Certificate certificate, X509Certificate ca) {
    /**
     * @throws IllegalArgumentException when the parts do not belong together
     */
    public Credentials {
        if (!KeyProof.matches(key, certificate.getPublicKey())) {
            throw new IllegalArgumentException("the key does not belong to the certificate");
        }
        try {
            certificate.verify(ca.getPublicKey());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalArgumentException("the certificate is not signed by the CA");
        }
    }

    public Identity identity() {
        return Identity.of(certificate);
    }

    public Instant notBefore() {
        return certificate.getNotBefore().toInstant();
    }

    public Instant notAfter() {
        return certificate.getNotAfter().toInstant();
    }

    /** The serial, lower-case hex: how the server records and revokes it. */
    public String serial() {
        return certificate.getSerialNumber().toString(16);
    }

    public boolean validAt(Instant now) {
        return !now.isBefore(notBefore()) && now.isBefore(notAfter());
    }

    /** Never the key. */
    @Override
    public String toString() {
        return "Credentials[" + identity() + ", serial " + serial() + ", until " + notAfter() + "]";
    }
}
