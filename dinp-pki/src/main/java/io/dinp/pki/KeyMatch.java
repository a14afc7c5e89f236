package io.dinp.pki;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;

/** Whether a private key belongs to a public key: sign a random message, verify it. */
final class KeyMatch {
    private KeyMatch() {
    }

    static boolean matches(PrivateKey key, PublicKey publicKey) {
        String alg = switch (key.getAlgorithm()) {
            case "EC" -> "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            default -> null;
        };
        if (alg == null || !key.getAlgorithm().equals(publicKey.getAlgorithm())) {
            return false;
        }
        try {
            byte[] msg = new byte[32];
            new SecureRandom().nextBytes(msg);
            Signature s = Signature.getInstance(alg);
            s.initSign(key);
            s.update(msg);
            byte[] sig = s.sign();
            Signature v = Signature.getInstance(alg);
            v.initVerify(publicKey);
            v.update(msg);
            return v.verify(sig);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
