package io.dinp.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.dinp.model.RouteOptions;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** An app's route options as the client pipeline applies them, without sockets. */
class RouteOptionsFrontendTest {
    private static final String WEB = "Host: web.apps.localhost\r\n";
    private RawFrontend frontend;

    @AfterEach
    void tearDown() {
        frontend.close();
    }

    private RawFrontend frontend(RouterConfig config, RouteOptions web, int tlsPort) {
        frontend = new RawFrontend(config, web, tlsPort);
        return frontend;
    }

    @Test
    void anAppsBodyLimitBelowTheRoutersRefusesALargerContentLengthBeforeAnyBackendIsTried() {
        frontend(RouterConfig.defaults(), new RouteOptions(false, 2048, false), -1)
                .send("POST / HTTP/1.1\r\n" + WEB + "Content-Length: 2049\r\n\r\n");

        assertThat(frontend.status()).isEqualTo(413);
        assertThat(frontend.output()).contains("larger than the limit of 2048 bytes");
        assertThat(frontend.isOpen()).isFalse();
        assertThat(frontend.backendAttempts()).isZero();
    }

    @Test
    void aContentLengthAtTheAppsLimitIsProxied() {
        frontend(RouterConfig.defaults(), new RouteOptions(false, 2048, false), -1)
                .send("POST / HTTP/1.1\r\n" + WEB + "Content-Length: 2048\r\n\r\n");

        assertThat(frontend.backendAttempts()).isEqualTo(1);
    }

    @Test
    void anAppsBodyLimitAboveTheRoutersReplacesIt() {
        frontend(RouterConfig.defaults().withMaxRequestBodySize(10), new RouteOptions(false, 4096, false), -1)
                .send("POST / HTTP/1.1\r\n" + WEB + "Content-Length: 100\r\n\r\n");

        assertThat(frontend.backendAttempts()).isEqualTo(1);
    }

    @Test
    void otherHostsKeepTheRoutersLimit() {
        frontend(RouterConfig.defaults().withMaxRequestBodySize(10), new RouteOptions(false, 4096, false), -1)
                .send("POST / HTTP/1.1\r\nHost: other.apps.localhost\r\nContent-Length: 100\r\n\r\n");

        assertThat(frontend.status()).isEqualTo(413);
    }

    @Test
    void plainHttpIsRedirectedToTheSameUrlOnTheTlsPort() {
        frontend(RouterConfig.defaults(), new RouteOptions(false, 0, true), 8443)
                .send("POST /cart/add?item=7&n=2 HTTP/1.1\r\nHost: Web.Apps.Localhost:8080\r\nContent-Length: 3\r\n\r\nabc"
                        + "GET / HTTP/1.1\r\n" + WEB + "\r\n");

        assertThat(frontend.status()).isEqualTo(308);
        assertThat(frontend.header("Location")).isEqualTo("https://web.apps.localhost:8443/cart/add?item=7&n=2");
        assertThat(frontend.output().split("HTTP/1.1 308 ", -1)).as("the connection serves on").hasSize(3);
        assertThat(frontend.isOpen()).isTrue();
        assertThat(frontend.backendAttempts()).isZero();
    }

    @Test
    void theDefaultHttpsPortIsLeftOutOfTheLocation() {
        frontend(RouterConfig.defaults(), new RouteOptions(false, 0, true), 443)
                .send("GET /a HTTP/1.1\r\n" + WEB + "\r\n");

        assertThat(frontend.header("Location")).isEqualTo("https://web.apps.localhost/a");
        assertThat(FrontendHandler.httpsLocation("web.apps.localhost", 443, "*")).isEqualTo("https://web.apps.localhost/");
    }

    @Test
    void withoutATlsListenerTheAppIsServedOverPlainHttp() {
        frontend(RouterConfig.defaults(), new RouteOptions(false, 0, true), -1).send("GET /a HTTP/1.1\r\n" + WEB + "\r\n");

        assertThat(frontend.backendAttempts()).isEqualTo(1);
        assertThat(frontend.output()).doesNotContain("308");
    }

    @Test
    void appsWithoutTheRedirectAreServedOverPlainHttp() {
        frontend(RouterConfig.defaults(), new RouteOptions(true, 0, false), 8443).send("GET /a HTTP/1.1\r\n" + WEB + "\r\n");

        assertThat(frontend.backendAttempts()).isEqualTo(1);
    }

    @Test
    void onATlsConnectionAHostItsCertificateDoesNotCoverGets421() {
        frontend(RouterConfig.defaults(), RouteOptions.DEFAULTS, -1);
        frontend.channel.attr(TlsNames.KEY).set(new TlsNames("www.shop.example",
                List.of("www.shop.example", "*.shop.example")));

        frontend.send("GET / HTTP/1.1\r\n" + WEB + "\r\n");

        assertThat(frontend.status()).isEqualTo(421);
        assertThat(frontend.output()).contains("opened for www.shop.example", "does not cover web.apps.localhost");
        assertThat(frontend.isOpen()).as("the client may go on asking for names the connection covers").isTrue();
        assertThat(frontend.backendAttempts()).isZero();
    }

    @Test
    void onATlsConnectionAHostTheCertificateCoversIsRouted() {
        frontend(RouterConfig.defaults(), RouteOptions.DEFAULTS, -1);
        frontend.channel.attr(TlsNames.KEY).set(new TlsNames("api.apps.localhost", List.of("*.apps.localhost")));

        frontend.send("GET / HTTP/1.1\r\n" + WEB + "\r\n");

        assertThat(frontend.backendAttempts()).isEqualTo(1);
    }
}
