package io.dinp.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class KeyProofTest {

    private static KeyPair pair(String alg) throws Exception {
        return KeyPairGenerator.getInstance(alg).generateKeyPair();
    }

    @ParameterizedTest
    @ValueSource(strings = {"RSA", "EC", "Ed25519"})
    void aKeyMatchesItsOwnPublicKeyOnly(String alg) throws Exception {
        KeyPair a = pair(alg);
        KeyPair b = pair(alg);
        assertThat(KeyProof.matches(a.getPrivate(), a.getPublic())).isTrue();
        assertThat(KeyProof.matches(a.getPrivate(), b.getPublic())).isFalse();
    }

    @Test
    void keysOfDifferentAlgorithmsNeverMatch() throws Exception {
        assertThat(KeyProof.matches(pair("EC").getPrivate(), pair("RSA").getPublic())).isFalse();
        assertThat(KeyProof.matches(pair("RSA").getPrivate(), pair("Ed25519").getPublic())).isFalse();
    }

    @Test
    void unsupportedAlgorithmsAreNamedAsSuchAndNeverMatch() throws Exception {
        assertThat(KeyProof.signatureAlgorithm("DSA")).isNull();
        assertThat(KeyProof.signatureAlgorithm("EdDSA")).isEqualTo("Ed25519");
        KeyPair dsa = pair("DSA");
        assertThat(KeyProof.matches(dsa.getPrivate(), dsa.getPublic())).isFalse();
    }
}
