package io.dinp.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dinp.model.TlsCertificate;
import io.dinp.testkit.TestCertificates;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RouterConfigTest {
    @Test
    void defaultsBoundEveryClientAndBackend() {
        RouterConfig c = RouterConfig.defaults();

        assertThat(c.maxRequestLineLength()).isEqualTo(8 * 1024);
        assertThat(c.maxHeaderSize()).isEqualTo(32 * 1024);
        assertThat(c.maxRequestBodySize()).isEqualTo(1L << 30);
        assertThat(c.requestHeadTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.clientIdleTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(c.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(c.responseTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(c.maxConnectionsPerBackend()).isEqualTo(1024);
    }

    @Test
    void withersChangeOnlyTheirSetting() {
        RouterConfig c = RouterConfig.defaults().withRequestHeadTimeout(Duration.ofSeconds(3))
                .withMaxRequestBodySize(5).withMaxConnectionsPerBackend(7).withMaxRequestLineLength(100)
                .withMaxHeaderSize(200).withClientIdleTimeout(Duration.ofSeconds(4))
                .withConnectTimeout(Duration.ofMillis(500)).withResponseTimeout(Duration.ofSeconds(6));

        assertThat(c).isEqualTo(new RouterConfig("0.0.0.0", 8080, "apps.localhost", Duration.ofMillis(500),
                Duration.ofSeconds(4), Duration.ofSeconds(3), Duration.ofSeconds(30), Duration.ofSeconds(6), 100, 200,
                5, 7, 3, Duration.ofSeconds(2), -1, null, Duration.ofHours(1), 0, Duration.ofSeconds(2)));
    }

    @Test
    void connectGraceDefaultsToTwoSecondsMayBeZeroAndRefusesNegatives() {
        assertThat(RouterConfig.defaults().connectGrace()).isEqualTo(Duration.ofSeconds(2));
        assertThat(RouterConfig.defaults().withConnectGrace(Duration.ZERO).connectGrace()).isZero();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RouterConfig.defaults().withConnectGrace(Duration.ofMillis(-1)))
                .hasMessageContaining("connectGrace");
    }

    @Test
    void ioThreadsDefaultToOnePerCoreAndRefuseNegatives() {
        assertThat(RouterConfig.defaults().ioThreads()).isZero();
        assertThat(RouterConfig.defaults().effectiveIoThreads()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(RouterConfig.defaults().withIoThreads(3).effectiveIoThreads()).isEqualTo(3);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RouterConfig.defaults().withIoThreads(-1))
                .hasMessageContaining("ioThreads");
    }

    @Test
    void tlsIsOffByDefaultAndOnWithAPort() {
        TlsCertificate apps = new TlsCertificate(TestCertificates.cert("apps"), TestCertificates.key("apps"));

        assertThat(RouterConfig.defaults().tls()).isFalse();
        RouterConfig c = RouterConfig.defaults().withTls(8443, apps);
        assertThat(c.tls()).isTrue();
        assertThat(c.tlsPort()).isEqualTo(8443);
        assertThat(c.defaultCertificate()).isEqualTo(apps);
        assertThat(c.withBind("127.0.0.1", 80).tlsPort()).as("kept by other withers").isEqualTo(8443);
        assertThat(RouterConfig.defaults().withTls(-5, null).tlsPort()).isEqualTo(-1);
        assertThat(RouterConfig.defaults().withTls(0, null).tls()).as("0 picks a free port").isTrue();
    }

    @Test
    void nonsenseIsRefusedWithTheSettingNamed() {
        RouterConfig d = RouterConfig.defaults();

        assertThatThrownBy(() -> d.withRequestHeadTimeout(Duration.ZERO)).hasMessageContaining("requestHeadTimeout");
        assertThatThrownBy(() -> d.withMaxHeaderSize(0)).hasMessageContaining("maxHeaderSize");
        assertThatThrownBy(() -> d.withMaxRequestBodySize(-1)).hasMessageContaining("maxRequestBodySize");
        assertThatThrownBy(() -> d.withMaxConnectionsPerBackend(0)).hasMessageContaining("maxConnectionsPerBackend");
        assertThatThrownBy(() -> d.withAppsDomain(" . ")).hasMessageContaining("appsDomain");
        assertThatThrownBy(() -> d.withTls(70000, null)).hasMessageContaining("tlsPort");
        assertThatThrownBy(() -> d.withTls(d.port(), null)).hasMessageContaining("tlsPort must differ from port");
    }
}
