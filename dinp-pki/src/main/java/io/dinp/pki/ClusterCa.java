package io.dinp.pki;

import io.dinp.model.KeyProof;
import java.math.BigInteger;
import java.net.InetAddress;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The cluster's certificate authority: an EC P-256 key and a self-signed certificate, valid 10
 * years, that signs every component's certificate. Thread-safe.
 */
public final class ClusterCa {
    public static final Duration CA_LIFETIME = Duration.ofDays(3650);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final X509Certificate certificate;
    private final PrivateKey key;

    /** @throws IllegalArgumentException when the key does not belong to the certificate or it is no CA */
    public ClusterCa(X509Certificate certificate, PrivateKey key) {
        if (certificate.getBasicConstraints() < 0) {
            throw new IllegalArgumentException("the CA certificate is not a CA (no basicConstraints CA:true)");
        }
        if (!"EC".equals(key.getAlgorithm())) {
            // it signs with SHA256withECDSA
            throw new IllegalArgumentException("the CA key must be an EC P-256 key, not " + key.getAlgorithm());
        }
        if (!KeyProof.matches(key, certificate.getPublicKey())) {
            throw new IllegalArgumentException("the CA key does not belong to the CA certificate");
        }
        this.certificate = certificate;
        this.key = key;
    }

    /** A new CA named {@code name}, valid from a minute before {@code now} for 10 years. */
    public static ClusterCa create(String name, Instant now) {
        KeyPair keys = KeyPairs.ecP256();
        X500Name subject = new X500Name("O=" + Identity.ORGANIZATION + ",CN=" + name);
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(subject, serial(), Date.from(now.minusSeconds(60)),
                    Date.from(now.plus(CA_LIFETIME)), subject, keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()));
            return new ClusterCa(sign(b, keys.getPrivate()), keys.getPrivate());
        } catch (CertIOException | java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot make a CA certificate", e);
        }
    }

    /**
     * Signs a certificate for {@code identity}'s {@code publicKey}: usable to serve and to call
     * (both TLS purposes), with {@code names} (host names or IP addresses) as subject alternative
     * names for those who reach it by name (dash's HTTPS).
     */
    public X509Certificate issue(PublicKey publicKey, Identity identity, List<String> names, Instant now,
                                 CertificatePolicy policy) {
        if (!KeyPairs.isP256(publicKey)) {
            throw new IllegalArgumentException("publicKey: must be EC P-256");
        }
        Instant notAfter = policy.notAfter(now);
        if (notAfter.isAfter(certificate.getNotAfter().toInstant())) {
            notAfter = certificate.getNotAfter().toInstant(); // never outlive the CA
        }
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(certificate, serial(),
                    Date.from(policy.notBefore(now)), Date.from(notAfter), new X500Name(identity.subject()), publicKey)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false,
                            new ExtendedKeyUsage(new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}))
                    .addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(certificate))
                    .addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(publicKey));
            if (!names.isEmpty()) {
                b.addExtension(Extension.subjectAlternativeName, false, altNames(names));
            }
            return sign(b, key);
        } catch (CertIOException | java.security.NoSuchAlgorithmException | CertificateException e) {
            throw new IllegalStateException("cannot sign a certificate for " + identity, e);
        }
    }

    private static GeneralNames altNames(List<String> names) {
        List<GeneralName> out = new ArrayList<>();
        for (String n : names) {
            out.add(HostNames.isIpAddress(n) ? new GeneralName(GeneralName.iPAddress, ipBytes(n)) : new GeneralName(GeneralName.dNSName, n));
        }
        return new GeneralNames(out.toArray(GeneralName[]::new));
    }

    private static org.bouncycastle.asn1.DEROctetString ipBytes(String ip) {
        try {
            return new org.bouncycastle.asn1.DEROctetString(InetAddress.getByName(ip).getAddress());
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException("names: not an IP address: " + ip);
        }
    }

    private static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey key) {
        try {
            return new JcaX509CertificateConverter().getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key)));
        } catch (OperatorCreationException | CertificateException e) {
            throw new IllegalStateException("cannot sign a certificate", e);
        }
    }

    /** 128 random bits, positive: unguessable and, in practice, never repeated. */
    private static BigInteger serial() {
        return new BigInteger(128, RANDOM).setBit(127);
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** The key: only {@link CaFiles} writes it, to a file of mode 600. */
    PrivateKey key() {
        return key;
    }

    public String fingerprint() {
        return Fingerprints.sha256(certificate);
    }

    @Override
    public String toString() {
        return "ClusterCa[" + certificate.getSubjectX500Principal().getName() + ", sha256 " + fingerprint() + "]";
    }
}
