package io.dinp.pki;

import java.io.IOException;
import java.security.KeyPair;
import java.security.PublicKey;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * Certificate signing requests: the component keeps its private key and sends only the public
 * key, signed with the private one to prove it holds it. What the certificate will name is decided
 * by the CA (from the join token or the current certificate), never taken from the request.
 */
public final class Csr {
    private Csr() {
    }

    /** A PEM request for {@code keys}' public key, signed with its private key. */
    public static String create(KeyPair keys, Identity identity) {
        try {
            ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate());
            PKCS10CertificationRequest req = new JcaPKCS10CertificationRequestBuilder(new X500Name(identity.subject()),
                    keys.getPublic()).build(signer);
            return Pem.encode("CERTIFICATE REQUEST", req.getEncoded());
        } catch (OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot sign a certificate request", e);
        }
    }

    /**
     * The public key of a request whose signature is good and whose key is EC P-256.
     *
     * @throws IllegalArgumentException saying what is wrong with it
     */
    public static PublicKey verify(String pem) {
        JcaPKCS10CertificationRequest req;
        try {
            req = new JcaPKCS10CertificationRequest(Pem.csr(pem));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(e instanceof IllegalArgumentException ? e.getMessage()
                    : "does not parse as PKCS#10");
        }
        PublicKey key;
        try {
            key = req.getPublicKey();
            if (!req.isSignatureValid(new JcaContentVerifierProviderBuilder().build(key))) {
                throw new IllegalArgumentException("is not signed by the key it carries");
            }
        } catch (OperatorCreationException | PKCSException | java.security.GeneralSecurityException e) {
            throw new IllegalArgumentException("has a key or signature that cannot be checked: " + e.getMessage());
        }
        if (!KeyPairs.isP256(key)) {
            throw new IllegalArgumentException("must carry an EC P-256 key, has " + key.getAlgorithm());
        }
        return key;
    }
}
