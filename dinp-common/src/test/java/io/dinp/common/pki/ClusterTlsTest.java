package io.dinp.common.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dinp.common.http.ApiException;
import io.dinp.common.http.HttpApi;
import io.dinp.common.http.JsonClient;
import io.dinp.model.access.Caller;
import io.dinp.pki.Identity;
import io.dinp.pki.PinnedCaTrust;
import io.dinp.pki.Role;
import io.dinp.pki.TlsContexts;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Mutual TLS between components over loopback: who is accepted, who is not, and a certificate swapped while running. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterTlsTest {
    static final Duration T = Duration.ofSeconds(10);
    final TestPki pki = new TestPki();
    final ClusterIdentity server = pki.identity(Role.SERVER, "s");
    HttpApi api;
    String base;

    @BeforeAll
    void start() throws Exception {
        api = new HttpApi(ex -> {
            if (ex.peerCertificate() == null) {
                throw new ApiException(401, "no client certificate");
            }
            return Caller.cluster();
        });
        api.open("GET", "/open", ex -> ex.json(200, Map.of("ok", true)));
        api.route("GET", "/who", ex -> ex.json(200, Map.of("who", Identity.of(ex.peerCertificate()).toString(),
                "serial", ex.peerCertificate().getSerialNumber().toString(16))));
        int port = api.start("127.0.0.1", 0, server.serverContext(Role.NODE, Role.HM), TlsContexts.ClientAuth.WANT);
        base = "https://127.0.0.1:" + port;
    }

    @AfterAll
    void stop() {
        api.close();
    }

    @Test
    void aNodeIsKnownByItsCertificateWithoutAHostNameCheck() throws Exception {
        ClusterIdentity node = pki.identity(Role.NODE, "n1");
        JsonClient.Reply r = new JsonClient(base, node.httpClient(Role.SERVER)).send("GET", "/who", null, T);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).contains("node n1").contains(node.current().serial());
    }

    @Test
    void withoutACertificateOnlyOpenRoutesAnswer() throws Exception {
        HttpClient anonymous = JsonClient.httpClient(TlsContexts.of(null, new io.dinp.pki.ClusterTrust(pki.ca.certificate(),
                java.util.Set.of(Role.SERVER))));
        JsonClient c = new JsonClient(base, () -> anonymous);
        assertThat(c.send("GET", "/open", null, T).status()).isEqualTo(200);
        assertThat(c.send("GET", "/who", null, T).status()).isEqualTo(401);
    }

    @Test
    void aForwardedClientAddressIsBelievedOnlyFromAPeerOfATrustedRole() throws Exception {
        HttpApi builder = new HttpApi(ex -> Caller.cluster()).trustClientAddressFrom(Role.DASH);
        builder.open("GET", "/addr", ex -> ex.json(200, Map.of("addr", ex.remoteAddress())));
        int port = builder.start("127.0.0.1", 0, server.serverContext(Role.DASH, Role.NODE), TlsContexts.ClientAuth.WANT);
        try {
            String url = "https://127.0.0.1:" + port + "/addr";
            java.util.function.BiFunction<HttpClient, String, String> ask = (client, header) -> {
                var req = java.net.http.HttpRequest.newBuilder(java.net.URI.create(url));
                if (header != null) {
                    req.header(io.dinp.common.http.Exchange.CLIENT_ADDRESS, header);
                }
                try {
                    return client.send(req.build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body();
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            };
            HttpClient dash = pki.identity(Role.DASH, "d1").httpClient(Role.SERVER).get();
            HttpClient node = pki.identity(Role.NODE, "n1").httpClient(Role.SERVER).get();
            HttpClient anonymous = JsonClient.httpClient(TlsContexts.of(null, new io.dinp.pki.ClusterTrust(pki.ca.certificate(),
                    java.util.Set.of(Role.SERVER))));
            assertThat(ask.apply(dash, "203.0.113.7")).contains("\"addr\":\"203.0.113.7\"");
            assertThat(ask.apply(dash, "2001:db8::1")).contains("2001:db8");
            assertThat(ask.apply(dash, null)).contains("127.0.0.1");
            // not an address: the connection's own
            assertThat(ask.apply(dash, "evil.example.com")).contains("127.0.0.1");
            // another role, or no certificate: the header is ignored
            assertThat(ask.apply(node, "203.0.113.7")).contains("127.0.0.1");
            assertThat(ask.apply(anonymous, "203.0.113.7")).contains("127.0.0.1");
        } finally {
            builder.close();
        }
    }

    @Test
    void everyAnswerOverTlsCarriesHsts() throws Exception {
        ClusterIdentity node = pki.identity(Role.NODE, "n1");
        var r = node.httpClient(Role.SERVER).get().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/open")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(r.headers().firstValue("Strict-Transport-Security")).contains("max-age=31536000");
    }

    @Test
    void aRoleTheServerDoesNotAcceptFailsTheHandshake() {
        ClusterIdentity dash = pki.identity(Role.DASH, "d");
        assertThatThrownBy(() -> new JsonClient(base, dash.httpClient(Role.SERVER)).send("GET", "/who", null, T))
                .isInstanceOf(java.io.IOException.class);
    }

    @Test
    void aCertificateOfAnotherCaIsRefused() {
        ClusterIdentity stranger = new TestPki().identity(Role.NODE, "n1");
        assertThatThrownBy(() -> new JsonClient(base, stranger.httpClient(Role.SERVER)).send("GET", "/open", null, T))
                .isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void aClientWantingAnotherRoleThanTheServersRefusesIt() {
        ClusterIdentity node = pki.identity(Role.NODE, "n1");
        assertThatThrownBy(() -> new JsonClient(base, node.httpClient(Role.NODE)).send("GET", "/open", null, T))
                .isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void aPinOnTheCaFingerprintAcceptsTheServerAndAWrongPinDoesNot() throws Exception {
        HttpClient pinned = JsonClient.httpClient(TlsContexts.of(null, new PinnedCaTrust(pki.ca.fingerprint())));
        assertThat(new JsonClient(base, () -> pinned).send("GET", "/open", null, T).status()).isEqualTo(200);
        HttpClient wrong = JsonClient.httpClient(TlsContexts.of(null, new PinnedCaTrust("00".repeat(32))));
        assertThatThrownBy(() -> new JsonClient(base, () -> wrong).send("GET", "/open", null, T))
                .isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void aSwappedCertificateIsPresentedFromTheNextConnectionOn() throws Exception {
        ClusterIdentity node = pki.identity(Role.NODE, "n2");
        JsonClient client = new JsonClient(base, node.httpClient(Role.SERVER));
        String before = node.current().serial();
        assertThat(client.send("GET", "/who", null, T).body()).contains(before);
        node.swap(pki.credentials(Role.NODE, "n2"));
        String after = node.current().serial();
        assertThat(after).isNotEqualTo(before);
        assertThat(client.send("GET", "/who", null, T).body()).contains(after);
        assertThatThrownBy(() -> node.swap(pki.credentials(Role.NODE, "other"))).hasMessageContaining("keep the identity");
    }

    @Test
    void plainHttpGetsNoPlainHttpAnswer() throws Exception {
        int port = Integer.parseInt(base.substring(base.lastIndexOf(':') + 1));
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            out.write("GET /open HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            byte[] answer = in.readNBytes(16);
            assertThat(new String(answer, StandardCharsets.ISO_8859_1)).doesNotContain("HTTP/");
        } catch (java.net.SocketException | java.net.SocketTimeoutException e) {
            // the server dropped the connection: no plaintext either
        }
    }
}
