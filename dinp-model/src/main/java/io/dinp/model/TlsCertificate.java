package io.dinp.model;

import java.io.ByteArrayInputStream;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A TLS certificate chain and its private key, as PEM, checked before anything stores or serves
 * it: the chain parses, the key is an unencrypted PKCS#8 key that matches the leaf certificate,
 * the leaf is valid now and names the domain (a SAN DNS name, wildcards one label deep).
 *
 * @param chainPem the leaf certificate first, then intermediates
 * @param keyPem   {@code -----BEGIN PRIVATE KEY-----} (convert others with {@code openssl pkcs8 -topk8 -nocrypt})
 */
public record TlsCertificate(String chainPem, String keyPem) {
    private static final Pattern CERT = Pattern.compile(
            "-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\\s]+)-----END CERTIFICATE-----");
    private static final Pattern KEY = Pattern.compile(
            "-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");
    public static final int MAX_PEM = 64 * 1024;

    /** What the API shows of a certificate: never the key. */
    public record Info(String domain, String subject, List<String> names, Instant notBefore, Instant notAfter) {
    }

    /** Why a certificate was refused, naming the field. */
    public static final class Invalid extends IllegalArgumentException {
        private final FieldError error;

        Invalid(String field, String reason) {
            super(field + ": " + reason);
            this.error = new FieldError(field, reason);
        }

        public FieldError error() {
            return error;
        }
    }

    /**
     * Checks the pair for serving {@code domain} at {@code now}.
     *
     * @throws Invalid naming {@code certificate} or {@code privateKey}
     */
    public Info check(String domain, Instant now) {
        if (chainPem == null || chainPem.isBlank() || chainPem.length() > MAX_PEM) {
            throw new Invalid("certificate", "must be a PEM certificate chain (leaf first), at most 64 KiB");
        }
        if (keyPem == null || keyPem.isBlank() || keyPem.length() > MAX_PEM) {
            throw new Invalid("privateKey", "must be an unencrypted PKCS#8 PEM key (-----BEGIN PRIVATE KEY-----)");
        }
        List<X509Certificate> chain = chain();
        X509Certificate leaf = chain.getFirst();
        PrivateKey key = key(leaf.getPublicKey().getAlgorithm());
        if (!matches(key, leaf)) {
            throw new Invalid("privateKey", "does not belong to the certificate");
        }
        if (now.isBefore(leaf.getNotBefore().toInstant()) || now.isAfter(leaf.getNotAfter().toInstant())) {
            throw new Invalid("certificate", "is not valid now (valid " + leaf.getNotBefore().toInstant() + " to "
                    + leaf.getNotAfter().toInstant() + ")");
        }
        List<String> names = dnsNames(leaf);
        if (names.stream().noneMatch(n -> covers(n, domain))) {
            throw new Invalid("certificate", "does not name " + domain + " (it names " + names + ")");
        }
        return new Info(domain, leaf.getSubjectX500Principal().getName(), names, leaf.getNotBefore().toInstant(),
                leaf.getNotAfter().toInstant());
    }

    /** What the leaf certificate says, without judging it (for showing a stored one, expired or not). */
    public Info describe(String domain) {
        X509Certificate leaf = chain().getFirst();
        return new Info(domain, leaf.getSubjectX500Principal().getName(), dnsNames(leaf),
                leaf.getNotBefore().toInstant(), leaf.getNotAfter().toInstant());
    }

    /** Whether a certificate name ({@code www.example.com} or {@code *.example.com}) covers the domain. */
    public static boolean covers(String name, String domain) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.equals(domain)) {
            return true;
        }
        if (n.startsWith("*.")) {
            // *.example.com covers a.example.com and the binding *.example.com itself, not a.b.example.com
            if (domain.startsWith("*.")) {
                return false;
            }
            int dot = domain.indexOf('.');
            return dot > 0 && domain.substring(dot).equals(n.substring(1));
        }
        return false;
    }

    private List<X509Certificate> chain() {
        Matcher m = CERT.matcher(chainPem);
        List<X509Certificate> out = new ArrayList<>();
        try {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            while (m.find()) {
                byte[] der = Base64.getMimeDecoder().decode(m.group(1));
                out.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(der)));
            }
        } catch (CertificateException | IllegalArgumentException e) {
            throw new Invalid("certificate", "does not parse as X.509: " + e.getMessage());
        }
        if (out.isEmpty()) {
            throw new Invalid("certificate", "holds no -----BEGIN CERTIFICATE----- block");
        }
        return out;
    }

    private PrivateKey key(String algorithm) {
        Matcher m = KEY.matcher(keyPem);
        if (!m.find()) {
            throw new Invalid("privateKey", "must be an unencrypted PKCS#8 PEM key (-----BEGIN PRIVATE KEY-----); "
                    + "convert with: openssl pkcs8 -topk8 -nocrypt -in key.pem");
        }
        try {
            return KeyFactory.getInstance(algorithm)
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getMimeDecoder().decode(m.group(1))));
        } catch (Exception e) {
            throw new Invalid("privateKey", "is not a " + algorithm + " key for this certificate");
        }
    }

    /** Signs a random message with the key and verifies it with the certificate. */
    private static boolean matches(PrivateKey key, X509Certificate cert) {
        if (KeyProof.signatureAlgorithm(key.getAlgorithm()) == null) {
            throw new Invalid("privateKey", "has an unsupported algorithm " + key.getAlgorithm() + " (RSA, EC or Ed25519)");
        }
        return KeyProof.matches(key, cert.getPublicKey());
    }

    private static List<String> dnsNames(X509Certificate cert) {
        List<String> names = new ArrayList<>();
        try {
            Collection<List<?>> sans = cert.getSubjectAlternativeNames();
            if (sans != null) {
                for (List<?> san : sans) {
                    if (Integer.valueOf(2).equals(san.get(0))) {
                        names.add(String.valueOf(san.get(1)).toLowerCase(Locale.ROOT));
                    }
                }
            }
        } catch (CertificateException e) {
            throw new Invalid("certificate", "has unreadable subject alternative names");
        }
        return names;
    }

    /** The PEM text, for logs and errors: never the key. */
    @Override
    public String toString() {
        return "TlsCertificate[chain " + (chainPem == null ? 0 : chainPem.length()) + " chars, key hidden]";
    }
}
