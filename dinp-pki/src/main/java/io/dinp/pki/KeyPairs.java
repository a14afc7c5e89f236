package io.dinp.pki;

import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;

/**
 * EC P-256 key pairs: every TLS stack in use (the JDK's, curl's, browsers') speaks it, with
 * small keys and fast handshakes; browsers do not accept Ed25519 certificates.
 */
public final class KeyPairs {
    private static final ECParameterSpec P256 = p256();

    private KeyPairs() {
    }

    public static KeyPair ecP256() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JVM cannot make EC P-256 keys", e);
        }
    }

    /** Whether a public key is an EC key on P-256, the only kind this CA signs. */
    public static boolean isP256(PublicKey key) {
        return key instanceof ECPublicKey ec && ec.getParams().getCurve().equals(P256.getCurve())
                && ec.getParams().getOrder().equals(P256.getOrder()) && ec.getParams().getGenerator().equals(P256.getGenerator());
    }

    private static ECParameterSpec p256() {
        try {
            AlgorithmParameters p = AlgorithmParameters.getInstance("EC");
            p.init(new ECGenParameterSpec("secp256r1"));
            return p.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JVM has no EC P-256", e);
        }
    }
}
