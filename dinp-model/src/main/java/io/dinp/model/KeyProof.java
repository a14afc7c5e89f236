package io.dinp.model;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;

/**
 * Whether a private key belongs to a public key (a certificate's): sign a random message with one,
 * verify it with the other. Used wherever DINP is handed a key and a certificate: the cluster CA,
 * node credentials, serving certificates, custom domains' certificates.
 */
public final class KeyProof {
    private static final SecureRandom RANDOM = new SecureRandom();

    private KeyProof() {
    }

    /** The signature that proves a key of this algorithm, or null when DINP takes no such keys (RSA, EC, Ed25519). */
    public static String signatureAlgorithm(String keyAlgorithm) {
        return switch (keyAlgorithm) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            default -> null;
        };
    }

    /** True when {@code key} signs what {@code publicKey} verifies; false for other or unsupported algorithms. */
    public static boolean matches(PrivateKey key, PublicKey publicKey) {
        String alg = signatureAlgorithm(key.getAlgorithm());
        if (alg == null || !alg.equals(signatureAlgorithm(publicKey.getAlgorithm()))) {
            return false;
        }
        try {
            byte[] msg = new byte[32];
            RANDOM.nextBytes(msg);
            Signature s = Signature.getInstance(alg);
            s.initSign(key);
            s.update(msg);
            byte[] sig = s.sign();
            Signature v = Signature.getInstance(alg);
            v.initVerify(publicKey);
            v.update(msg);
            return v.verify(sig);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }
}
