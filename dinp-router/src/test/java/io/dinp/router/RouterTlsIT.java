package io.dinp.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dinp.model.Backend;
import io.dinp.model.RouteTable;
import io.dinp.model.TlsCertificate;
import io.dinp.testkit.TestCertificates;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpClient.Version;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The TLS listener over real sockets with JDK clients: the certificate chosen by SNI, HTTP/2 and
 * HTTP/1.1 by ALPN, certificates changing with the route table. The custom domains resolve to
 * 127.0.0.1 through the ITs' hosts file ({@code src/test/resources/test-hosts}).
 */
class RouterTlsIT {
    private static final TlsCertificate SHOP = cert("shop"); // www.shop.example, *.shop.example
    private static final TlsCertificate BLOG = cert("blog"); // blog.example
    private static final TlsCertificate APPS = cert("apps"); // *.apps.localhost: the default

    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final RouteTableHolder routes = new RouteTableHolder();
    private TestBackend backend;
    private long version;

    private static TlsCertificate cert(String name) {
        return new TlsCertificate(TestCertificates.cert(name), TestCertificates.key(name));
    }

    @BeforeEach
    void setUp() throws IOException {
        backend = new TestBackend("s1");
        closeables.add(backend);
        publish(Map.of("www.shop.example", SHOP, "*.shop.example", SHOP, "blog.example", BLOG));
    }

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable c : closeables.reversed()) {
            c.close();
        }
    }

    /** Routes the shop's domains, blog.example and web.apps.localhost to the backend; these certificates. */
    private void publish(Map<String, TlsCertificate> certificates) {
        routes.replace(new RouteTable(++version, Map.of("shop", List.of(backend.backend()), "web",
                List.of(backend.backend())), Map.of("www.shop.example", "shop", "*.shop.example", "shop",
                "blog.example", "shop"), certificates));
    }

    /** Starts a router and returns its TLS port. */
    private int startRouter(TlsCertificate defaultCertificate) throws InterruptedException {
        Router router = new Router(RouterConfig.defaults().withBind("127.0.0.1", 0).withTls(0, defaultCertificate),
                routes);
        closeables.add(router);
        router.start();
        return router.tlsPort();
    }

    private HttpClient client(Version version) {
        HttpClient client = TlsClients.client(version);
        closeables.add(client);
        return client;
    }

    private static HttpRequest.Builder request(String host, int port, String path) {
        return HttpRequest.newBuilder(URI.create("https://" + host + ":" + port + path))
                .timeout(Duration.ofSeconds(30));
    }

    private HttpResponse<String> get(HttpClient client, String host, int port, String path) throws Exception {
        return client.send(request(host, port, path).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The names in the certificate a new connection to {@code host} gets. */
    private List<String> certificateFor(String host, int port) throws Exception {
        return TlsClients.servedNames(get(client(Version.HTTP_1_1), host, port, "/"));
    }

    @Test
    void eachServerNameGetsItsOwnCertificateAndItsApp() throws Exception {
        int port = startRouter(APPS);

        HttpResponse<String> shop = get(client(Version.HTTP_1_1), "www.shop.example", port, "/");
        HttpResponse<String> blog = get(client(Version.HTTP_1_1), "blog.example", port, "/");

        assertThat(TlsClients.servedNames(shop)).containsExactly("www.shop.example", "*.shop.example");
        assertThat(TlsClients.servedNames(blog)).containsExactly("blog.example");
        assertThat(shop.statusCode()).isEqualTo(200);
        assertThat(blog.body()).isEqualTo("s1");
    }

    @Test
    void aNameUnderAWildcardDomainGetsTheWildcardCertificate() throws Exception {
        int port = startRouter(APPS);

        HttpResponse<String> r = get(client(Version.HTTP_1_1), "api.shop.example", port, "/");

        assertThat(TlsClients.servedNames(r)).contains("*.shop.example");
        assertThat(r.body()).isEqualTo("s1");
    }

    @Test
    void namesWithoutACertificateAndClientsSendingNoNameGetTheDefault() throws Exception {
        int port = startRouter(APPS);

        HttpResponse<String> app = get(client(Version.HTTP_1_1), "web.apps.localhost", port, "/");
        HttpResponse<String> noSni = get(client(Version.HTTP_1_1), "127.0.0.1", port, "/healthz");

        assertThat(TlsClients.servedNames(app)).containsExactly("*.apps.localhost");
        assertThat(app.body()).isEqualTo("s1");
        assertThat(certificateFor("unknown.example", port)).containsExactly("*.apps.localhost");
        assertThat(TlsClients.servedNames(noSni)).as("no SNI for an IP address").containsExactly("*.apps.localhost");
        assertThat(noSni.statusCode()).isEqualTo(200);
    }

    @Test
    void withoutADefaultCertificateOnlyNamesWithTheirOwnAreServed() throws Exception {
        int port = startRouter(null);

        assertThatThrownBy(() -> get(client(Version.HTTP_1_1), "unknown.example", port, "/"))
                .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> get(client(Version.HTTP_2), "127.0.0.1", port, "/"))
                .as("no SNI").isInstanceOf(IOException.class);
        assertThat(certificateFor("blog.example", port)).containsExactly("blog.example");
    }

    @Test
    void http2IsNegotiatedAndEachStreamIsProxiedOverHttp11() throws Exception {
        int port = startRouter(APPS);
        HttpClient client = client(Version.HTTP_2);
        byte[] body = new byte[1024 * 1024 + 7];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) (i * 31);
        }

        HttpResponse<byte[]> echo = client.send(request("www.shop.example", port, "/echo")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
        HttpResponse<String> continued = client.send(request("www.shop.example", port, "/echo").expectContinue(true)
                .POST(HttpRequest.BodyPublishers.ofString("after 100")).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> headers = get(client, "www.shop.example", port, "/headers");
        HttpResponse<String> names = get(client, "www.shop.example", port, "/header-names");
        HttpResponse<String> notFound = get(client, "unknown.example", port, "/");

        assertThat(echo.version()).isEqualTo(Version.HTTP_2);
        assertThat(echo.statusCode()).isEqualTo(200);
        assertThat(HexFormat.of().formatHex(echo.body())).isEqualTo(HexFormat.of().formatHex(body));
        assertThat(continued.body()).as("the app's 100 Continue relayed").isEqualTo("after 100");
        assertThat(headers.body())
                .isEqualTo("xff=127.0.0.1 proto=https host=www.shop.example:" + port + " secret=null");
        assertThat(names.body().split(",")).as("nothing HTTP/2-only reaches the app")
                .noneMatch(n -> n.startsWith("x-http2-") || n.startsWith(":"))
                .contains("host", "x-forwarded-proto");
        assertThat(notFound.version()).isEqualTo(Version.HTTP_2);
        assertThat(notFound.statusCode()).as("the router's own answers work over HTTP/2 too").isEqualTo(404);
        assertThat(notFound.body()).contains("No app is bound to the host unknown.example");
    }

    @Test
    void concurrentStreamsShareOneConnectionWithoutWaitingForEachOther() throws Exception {
        int port = startRouter(APPS);
        HttpClient client = client(Version.HTTP_2);
        HttpResponse<String> first = get(client, "www.shop.example", port, "/");

        CompletableFuture<HttpResponse<String>> slow = client.sendAsync(
                request("www.shop.example", port, "/slow").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(backend.slowStarted.await(30, TimeUnit.SECONDS)).isTrue();
        List<CompletableFuture<HttpResponse<String>>> posts = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            posts.add(client.sendAsync(request("www.shop.example", port, "/echo")
                    .POST(HttpRequest.BodyPublishers.ofString("body " + i)).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        for (int i = 0; i < posts.size(); i++) {
            assertThat(posts.get(i).get(30, TimeUnit.SECONDS).body()).isEqualTo("body " + i);
        }
        assertThat(slow).as("still waiting for its app while the others were answered").isNotDone();
        backend.releaseSlow();
        assertThat(slow.get(30, TimeUnit.SECONDS).body()).isEqualTo("slow s1");

        List<HttpResponse<String>> all = new ArrayList<>(List.of(first, slow.get()));
        for (CompletableFuture<HttpResponse<String>> p : posts) {
            all.add(p.get());
        }
        assertThat(all).allSatisfy(r -> assertThat(r.version()).isEqualTo(Version.HTTP_2));
        Set<String> sessions = all.stream().map(r -> HexFormat.of().formatHex(r.sslSession().orElseThrow().getId()))
                .collect(Collectors.toSet());
        assertThat(sessions).as("one TLS connection").hasSize(1);
    }

    @Test
    void clientsThatSpeakNoTlsOrSayNothingAreClosed() throws Exception {
        Router router = new Router(RouterConfig.defaults().withBind("127.0.0.1", 0).withTls(0, APPS)
                .withRequestHeadTimeout(Duration.ofMillis(500)), routes);
        closeables.add(router);
        router.start();

        for (String sent : List.of("GET / HTTP/1.1\r\nHost: www.shop.example\r\n\r\n", "")) {
            try (Socket socket = new Socket("127.0.0.1", router.tlsPort())) {
                socket.setSoTimeout(30_000);
                socket.getOutputStream().write(sent.getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                InputStream in = socket.getInputStream();
                assertThat(in.readAllBytes()).as("closed after %s", sent.isEmpty() ? "silence" : "plain HTTP")
                        .hasSizeLessThan(100); // nothing, or a TLS alert: never an HTTP response
            }
        }
        assertThat(backend.requests).isEmpty();
    }

    @Test
    void http11OverTlsTellsTheAppItWasHttps() throws Exception {
        int port = startRouter(APPS);

        HttpResponse<String> r = get(client(Version.HTTP_1_1), "blog.example", port, "/headers");

        assertThat(r.version()).isEqualTo(Version.HTTP_1_1);
        assertThat(r.body()).isEqualTo("xff=127.0.0.1 proto=https host=blog.example:" + port + " secret=null");
    }

    @Test
    void certificatesChangeWithTheRouteTableWithoutARestart() throws Exception {
        int port = startRouter(APPS);
        assertThat(certificateFor("www.shop.example", port)).contains("www.shop.example");

        // Another certificate for a name: the next connection gets it.
        publish(Map.of("www.shop.example", BLOG, "blog.example", BLOG));
        assertThat(certificateFor("www.shop.example", port)).containsExactly("blog.example");
        assertThat(certificateFor("api.shop.example", port)).as("wildcard gone").containsExactly("*.apps.localhost");

        // A certificate gone from the table is no longer served; a new one is at once.
        publish(Map.of("www.shop.example", SHOP));
        assertThat(certificateFor("blog.example", port)).containsExactly("*.apps.localhost");
        assertThat(certificateFor("www.shop.example", port)).contains("www.shop.example");
        publish(Map.of("www.shop.example", SHOP, "blog.example", BLOG));
        assertThat(certificateFor("blog.example", port)).containsExactly("blog.example");
    }

    /** A client whose TLS handshakes ask for {@code serverName}, whatever the URL's host. */
    private HttpClient clientNaming(Version version, String serverName) {
        javax.net.ssl.SSLContext context = TlsClients.trustingTestCertificates();
        // The context's defaults keep the TLS versions the client checks before offering h2.
        javax.net.ssl.SSLParameters params = context.getDefaultSSLParameters();
        params.setServerNames(List.of(new javax.net.ssl.SNIHostName(serverName)));
        HttpClient client = HttpClient.newBuilder().version(version).sslContext(context)
                .sslParameters(params).connectTimeout(Duration.ofSeconds(5)).build();
        closeables.add(client);
        return client;
    }

    @Test
    void aRequestForAHostTheConnectionsCertificateDoesNotCoverIsMisdirected() throws Exception {
        int port = startRouter(APPS);
        HttpClient http1 = client(Version.HTTP_1_1);

        HttpResponse<String> other = http1.send(request("www.shop.example", port, "/")
                .header("Host", "web.apps.localhost").build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> covered = http1.send(request("www.shop.example", port, "/")
                .header("Host", "api.shop.example").build(), HttpResponse.BodyHandlers.ofString());
        // The URL names an address, so the client sends the server name only from its parameters:
        // the stream's :authority is 127.0.0.1, which the shop's certificate does not cover.
        HttpResponse<String> h2 = get(clientNaming(Version.HTTP_2, "www.shop.example"), "127.0.0.1", port, "/");

        assertThat(TlsClients.servedNames(other)).contains("www.shop.example");
        assertThat(other.statusCode()).isEqualTo(421);
        assertThat(other.body()).contains("does not cover web.apps.localhost");
        assertThat(covered.statusCode()).as("the certificate covers it: a client may reuse the connection")
                .isEqualTo(200);
        assertThat(covered.body()).isEqualTo("s1");
        assertThat(h2.version()).isEqualTo(Version.HTTP_2);
        assertThat(h2.statusCode()).isEqualTo(421);
        assertThat(backend.requests).hasSize(1);
    }

    @Test
    void stickySessionsWorkOverHttp2WithASecureCookie() throws Exception {
        TestBackend second = new TestBackend("s2");
        closeables.add(second);
        routes.replace(new RouteTable(++version, Map.of("shop", List.of(backend.backend(), second.backend())),
                Map.of("www.shop.example", "shop"), Map.of("www.shop.example", SHOP),
                Map.of("shop", new io.dinp.model.RouteOptions(true, 0, false))));
        int port = startRouter(APPS);
        HttpClient client = client(Version.HTTP_2);

        HttpResponse<String> first = get(client, "www.shop.example", port, "/");
        String setCookie = first.headers().firstValue("set-cookie").orElseThrow();
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));
        Set<String> answered = new java.util.HashSet<>();
        for (int i = 0; i < 6; i++) {
            answered.add(client.send(request("www.shop.example", port, "/").header("Cookie", cookie).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
        }

        assertThat(first.version()).isEqualTo(Version.HTTP_2);
        assertThat(setCookie).endsWith("; Path=/; HttpOnly; SameSite=Lax; Secure");
        assertThat(answered).containsExactly(first.body());
    }

    @Test
    void theAppIsToldTheTlsPortAndPlainHttpOfARedirectingAppLeadsThere() throws Exception {
        Router router = new Router(RouterConfig.defaults().withBind("127.0.0.1", 0).withTls(0, APPS), routes);
        closeables.add(router);
        router.start();
        int port = router.tlsPort();
        routes.replace(new RouteTable(++version, Map.of("web", List.of(backend.backend())), Map.of(), Map.of(),
                Map.of("web", new io.dinp.model.RouteOptions(false, 0, true))));
        HttpClient plain = HttpClient.newBuilder().version(Version.HTTP_1_1).build();
        closeables.add(plain);

        HttpResponse<String> redirect = plain.send(HttpRequest.newBuilder(
                URI.create("http://web.apps.localhost:" + router.port() + "/forwarded-port")).build(),
                HttpResponse.BodyHandlers.ofString());
        String location = redirect.headers().firstValue("Location").orElseThrow();
        HttpResponse<String> h2 = client(Version.HTTP_2).send(HttpRequest.newBuilder(URI.create(location)).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> h1 = get(client(Version.HTTP_1_1), "web.apps.localhost", port, "/forwarded-port");

        assertThat(redirect.statusCode()).isEqualTo(308);
        assertThat(location).isEqualTo("https://web.apps.localhost:" + port + "/forwarded-port");
        assertThat(h2.version()).isEqualTo(Version.HTTP_2);
        assertThat(h2.body()).as("over TLS the app is served, not redirected again").isEqualTo("port=" + port);
        assertThat(h1.body()).isEqualTo("port=" + port);
    }
}
