package io.dinp.pki;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** PEM text for certificates, unencrypted PKCS#8 private keys and PKCS#10 requests. */
public final class Pem {
    /** Generous for a chain of a few certificates; bounds what an untrusted body may make us parse. */
    public static final int MAX_LENGTH = 64 * 1024;
    private static final Pattern CERT = block("CERTIFICATE");
    private static final Pattern KEY = block("PRIVATE KEY");
    private static final Pattern CSR = block("CERTIFICATE REQUEST");

    private Pem() {
    }

    private static Pattern block(String type) {
        return Pattern.compile("-----BEGIN " + type + "-----([A-Za-z0-9+/=\\s]+)-----END " + type + "-----");
    }

    public static String encode(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    public static String certificate(X509Certificate cert) {
        try {
            return encode("CERTIFICATE", cert.getEncoded());
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalArgumentException("certificate cannot be encoded", e);
        }
    }

    /** A private key as PKCS#8 PEM: only ever written to files of mode 600. */
    public static String privateKey(PrivateKey key) {
        return encode("PRIVATE KEY", key.getEncoded());
    }

    /**
     * Every certificate in the text, in order.
     *
     * @throws IllegalArgumentException when there is none or one does not parse
     */
    public static List<X509Certificate> certificates(String pem) {
        List<X509Certificate> out = new ArrayList<>();
        if (pem != null && pem.length() <= MAX_LENGTH) {
            Matcher m = CERT.matcher(pem);
            try {
                CertificateFactory cf = CertificateFactory.getInstance("X.509");
                while (m.find()) {
                    out.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(decode(m.group(1)))));
                }
            } catch (CertificateException e) {
                throw new IllegalArgumentException("a certificate does not parse as X.509: " + e.getMessage());
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("holds no -----BEGIN CERTIFICATE----- block");
        }
        return out;
    }

    /** The first certificate of the text. */
    public static X509Certificate certificate(String pem) {
        return certificates(pem).getFirst();
    }

    /**
     * An unencrypted PKCS#8 key (EC or RSA). The message never contains any of the key's text.
     *
     * @throws IllegalArgumentException when it is not one
     */
    public static PrivateKey privateKey(String pem) {
        Matcher m = pem == null || pem.length() > MAX_LENGTH ? null : KEY.matcher(pem);
        if (m == null || !m.find()) {
            throw new IllegalArgumentException("is not an unencrypted PKCS#8 PEM key (-----BEGIN PRIVATE KEY-----); "
                    + "convert with: openssl pkcs8 -topk8 -nocrypt -in key.pem");
        }
        byte[] der = decode(m.group(1));
        for (String algorithm : List.of("EC", "RSA")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // try the next algorithm
            }
        }
        throw new IllegalArgumentException("is neither an EC nor an RSA PKCS#8 key");
    }

    /** The DER of a PKCS#10 request. */
    static byte[] csr(String pem) {
        Matcher m = pem == null || pem.length() > MAX_LENGTH ? null : CSR.matcher(pem);
        if (m == null || !m.find()) {
            throw new IllegalArgumentException("is not a PEM certificate request (-----BEGIN CERTIFICATE REQUEST-----)");
        }
        return decode(m.group(1));
    }

    private static byte[] decode(String base64) {
        try {
            return Base64.getMimeDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("holds invalid base64");
        }
    }
}
