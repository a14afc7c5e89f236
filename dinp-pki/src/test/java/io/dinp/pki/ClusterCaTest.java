package io.dinp.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterCaTest {
    static final Instant NOW = Instant.parse("2030-01-02T03:04:05Z");
    static final ClusterCa CA = ClusterCa.create("test", NOW);

    @Test
    void theCaIsACaForTenYears() {
        X509Certificate c = CA.certificate();
        assertThat(c.getBasicConstraints()).isGreaterThanOrEqualTo(0);
        assertThat(c.getNotAfter().toInstant()).isEqualTo(NOW.plus(ClusterCa.CA_LIFETIME));
        assertThat(CA.fingerprint()).hasSize(64).matches("[0-9a-f]+");
    }

    @Test
    void anIssuedCertificateNamesItsIdentityServesAndCallsAndChainsToTheCa() throws Exception {
        var keys = KeyPairs.ecP256();
        X509Certificate c = CA.issue(keys.getPublic(), new Identity(Role.NODE, "n-1.a_b"), List.of(), NOW, CertificatePolicy.DEFAULT);
        c.verify(CA.certificate().getPublicKey());
        assertThat(Identity.of(c)).isEqualTo(new Identity(Role.NODE, "n-1.a_b"));
        assertThat(c.getSubjectX500Principal().getName()).isEqualTo("CN=node:n-1.a_b,OU=node,O=dinp");
        assertThat(c.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2");
        assertThat(c.getBasicConstraints()).isEqualTo(-1);
        assertThat(c.getSubjectAlternativeNames()).isNull();
        assertThat(c.getNotAfter().toInstant()).isEqualTo(NOW.plus(Duration.ofDays(30)));
        assertThat(c.getNotBefore().toInstant()).isEqualTo(NOW.minusSeconds(60));
    }

    @Test
    void namesBecomeDnsAndIpAlternativeNames() throws Exception {
        var keys = KeyPairs.ecP256();
        X509Certificate c = CA.issue(keys.getPublic(), new Identity(Role.DASH, "d"), List.of("dash.example", "10.0.0.5", "::1"),
                NOW, CertificatePolicy.DEFAULT);
        assertThat(c.getSubjectAlternativeNames()).extracting(l -> l.get(0) + "=" + l.get(1))
                .containsExactly("2=dash.example", "7=10.0.0.5", "7=0:0:0:0:0:0:0:1");
    }

    @Test
    void noCertificateOutlivesTheCa() {
        X509Certificate c = CA.issue(KeyPairs.ecP256().getPublic(), new Identity(Role.HM, "h"), List.of(),
                NOW.plus(ClusterCa.CA_LIFETIME).minus(Duration.ofDays(1)), CertificatePolicy.DEFAULT);
        assertThat(c.getNotAfter()).isEqualTo(CA.certificate().getNotAfter());
    }

    @Test
    void onlyP256KeysAreSigned() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        assertThatThrownBy(() -> CA.issue(rsa.generateKeyPair().getPublic(), new Identity(Role.NODE, "n"), List.of(), NOW,
                CertificatePolicy.DEFAULT)).hasMessageContaining("P-256");
    }

    @Test
    void aKeyOfAnotherCertificateIsRefused() {
        ClusterCa other = ClusterCa.create("other", NOW);
        assertThatThrownBy(() -> new ClusterCa(CA.certificate(), other.key())).hasMessageContaining("does not belong");
    }

    @Test
    void aCaKeyThatIsNotEcIsRefusedByName() throws Exception {
        var ed = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        assertThatThrownBy(() -> new ClusterCa(CA.certificate(), ed.getPrivate())).hasMessageContaining("EC P-256");
    }

    @Test
    void identitiesAreCheckedBothWays() {
        assertThatThrownBy(() -> new Identity(Role.NODE, "-x")).hasMessageContaining("id:");
        assertThatThrownBy(() -> new Identity(Role.NODE, "a/b")).hasMessageContaining("id:");
        assertThatThrownBy(() -> new Identity(null, "a")).hasMessageContaining("role");
        assertThatThrownBy(() -> Identity.of(CA.certificate())).hasMessageContaining("not a DINP identity");
        assertThat(Role.parse("hm")).isEqualTo(Role.HM);
        assertThatThrownBy(() -> Role.parse("admin")).hasMessageContaining("one of server, node, hm, dash");
        assertThat(Role.SERVER.joinable()).isFalse();
    }

    @Test
    void hostNamesAreCheckedAndNormalized() {
        assertThat(HostNames.check(List.of("Dash.Example", "127.0.0.1", "fe80::1%eth0", "dash.example")))
                .containsExactly("dash.example", "127.0.0.1", "fe80::1");
        assertThatThrownBy(() -> HostNames.check(List.of("a b"))).hasMessageContaining("'a b'");
        assertThatThrownBy(() -> HostNames.check(List.of("*.x.example"))).hasMessageContaining("neither");
    }
}
