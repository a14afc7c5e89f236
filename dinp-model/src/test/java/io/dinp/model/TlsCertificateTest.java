package io.dinp.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dinp.testkit.TestCertificates;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TlsCertificateTest {
    static final Instant NOW = Instant.parse("2027-01-01T00:00:00Z");
    static final TlsCertificate SHOP = new TlsCertificate(TestCertificates.cert("shop"), TestCertificates.key("shop"));
    static final TlsCertificate BLOG = new TlsCertificate(TestCertificates.cert("blog"), TestCertificates.key("blog"));

    static String fieldOf(Runnable r) {
        try {
            r.run();
        } catch (TlsCertificate.Invalid e) {
            return e.error().field();
        }
        return null;
    }

    @Test
    void aMatchingRsaPairNamesItsDomainsAndWildcardsOneLabelDeep() {
        TlsCertificate.Info info = SHOP.check("www.shop.example", NOW);
        assertThat(info.names()).containsExactly("www.shop.example", "*.shop.example");
        assertThat(info.notAfter()).isAfter(NOW);
        assertThat(SHOP.check("api.shop.example", NOW).domain()).isEqualTo("api.shop.example");
        assertThat(SHOP.check("*.shop.example", NOW).domain()).isEqualTo("*.shop.example");
        assertThat(fieldOf(() -> SHOP.check("a.b.shop.example", NOW))).isEqualTo("certificate");
        assertThat(fieldOf(() -> SHOP.check("shop.example", NOW))).isEqualTo("certificate");
    }

    @Test
    void anEcPairWorksToo() {
        assertThat(BLOG.check("blog.example", NOW).names()).containsExactly("blog.example");
    }

    @Test
    void aKeyOfAnotherCertificateIsRefused() {
        TlsCertificate mixed = new TlsCertificate(TestCertificates.cert("shop"), TestCertificates.key("apps"));
        assertThatThrownBy(() -> mixed.check("www.shop.example", NOW)).isInstanceOf(TlsCertificate.Invalid.class)
                .hasMessageContaining("privateKey: does not belong");
        TlsCertificate wrongType = new TlsCertificate(TestCertificates.cert("shop"), TestCertificates.key("blog"));
        assertThat(fieldOf(() -> wrongType.check("www.shop.example", NOW))).isEqualTo("privateKey");
    }

    @Test
    void pkcs1GarbageAndEmptinessAreRefusedByField() {
        assertThatThrownBy(() -> new TlsCertificate(TestCertificates.cert("shop"), TestCertificates.read("shop-pkcs1.key"))
                .check("www.shop.example", NOW)).hasMessageContaining("openssl pkcs8 -topk8 -nocrypt");
        assertThat(fieldOf(() -> new TlsCertificate("nope", TestCertificates.key("shop")).check("www.shop.example", NOW)))
                .isEqualTo("certificate");
        assertThat(fieldOf(() -> new TlsCertificate(null, TestCertificates.key("shop")).check("www.shop.example", NOW)))
                .isEqualTo("certificate");
        assertThat(fieldOf(() -> new TlsCertificate(TestCertificates.cert("shop"), "").check("www.shop.example", NOW)))
                .isEqualTo("privateKey");
        String broken = TestCertificates.cert("shop").replace("MII", "XYZ");
        assertThat(fieldOf(() -> new TlsCertificate(broken, TestCertificates.key("shop")).check("www.shop.example", NOW)))
                .isEqualTo("certificate");
    }

    @Test
    void anExpiredOrNotYetValidCertificateIsRefused() {
        assertThatThrownBy(() -> SHOP.check("www.shop.example", Instant.parse("2200-01-01T00:00:00Z")))
                .hasMessageContaining("not valid now");
        assertThatThrownBy(() -> SHOP.check("www.shop.example", Instant.parse("2000-01-01T00:00:00Z")))
                .hasMessageContaining("not valid now");
    }

    @Test
    void theKeyNeverShowsInItsText() {
        assertThat(SHOP.toString()).doesNotContain("PRIVATE").contains("key hidden");
    }
}
