package io.dinp.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class CsrTest {
    @Test
    void aRequestCarriesItsKeyAndProvesPossession() {
        KeyPair keys = KeyPairs.ecP256();
        String pem = Csr.create(keys, new Identity(Role.NODE, "n1"));
        assertThat(pem).startsWith("-----BEGIN CERTIFICATE REQUEST-----");
        assertThat(Csr.verify(pem)).isEqualTo(keys.getPublic());
    }

    @Test
    void aTamperedRequestIsRefused() {
        String pem = Csr.create(KeyPairs.ecP256(), new Identity(Role.NODE, "n1"));
        String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        byte[] der = Base64.getDecoder().decode(body);
        der[40] ^= 1; // inside the subject: the signature no longer matches
        String bad = Pem.encode("CERTIFICATE REQUEST", der);
        assertThatThrownBy(() -> Csr.verify(bad)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void garbageIsRefusedWithAReason() {
        assertThatThrownBy(() -> Csr.verify("hello")).hasMessageContaining("CERTIFICATE REQUEST");
        assertThatThrownBy(() -> Csr.verify(null)).hasMessageContaining("CERTIFICATE REQUEST");
        assertThatThrownBy(() -> Csr.verify("-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----"))
                .hasMessageContaining("PKCS#10");
    }
}
