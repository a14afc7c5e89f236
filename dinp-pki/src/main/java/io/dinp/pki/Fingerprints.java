package io.dinp.pki;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;

/**
 * SHA-256 fingerprints of certificates, lower-case hex: what {@code openssl x509 -outform der |
 * sha256sum} prints, so an operator can check one by hand.
 */
public final class Fingerprints {
    private Fingerprints() {
    }

    public static String sha256(X509Certificate cert) {
        try {
            return sha256(cert.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("certificate cannot be encoded: " + e.getMessage(), e);
        }
    }

    public static String sha256(byte[] data) {
        return HexFormat.of().formatHex(digest(data));
    }

    static byte[] digest(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }
}
