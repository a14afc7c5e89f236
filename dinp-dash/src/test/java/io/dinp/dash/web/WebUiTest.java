package io.dinp.dash.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.dinp.common.http.ApiException;
import io.dinp.common.http.HttpApi;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The dashboard's pages and files over a real socket, with a stand-in for the session check. */
class WebUiTest {
    static HttpApi api;
    static String base;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        HttpApi.Authenticator auth = ex -> {
            if (!"signed-in".equals(ex.header("Cookie"))) {
                throw new ApiException(401, "not signed in");
            }
            return null;
        };
        api = new HttpApi(auth);
        new WebUi(auth).register(api);
        base = "http://127.0.0.1:" + api.start("127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    static HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void pagesAreForSignedInSessionsOnly() throws Exception {
        HttpResponse<String> r = get("/apps/web?tab=env");
        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(r.headers().firstValue("Location")).hasValue("/login?next=%2Fapps%2Fweb%3Ftab%3Denv");
        HttpResponse<String> page = get("/apps/web", "Cookie", "signed-in");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(page.body()).contains("<script type=\"module\" src=\"/static/page-app.js\"></script>")
                .doesNotContain("{{");
    }

    @Test
    void theLoginPageIsOpenAndTheRootLeadsToTheApps() throws Exception {
        assertThat(get("/login").statusCode()).isEqualTo(200);
        HttpResponse<String> root = get("/");
        assertThat(root.statusCode()).isEqualTo(303);
        assertThat(root.headers().firstValue("Location")).hasValue("/apps");
    }

    @Test
    void everyPageFileAndRedirectCarriesTheSecurityHeaders() throws Exception {
        for (HttpResponse<String> r : List.of(get("/login"), get("/apps"), get("/static/dinp.css"),
                get("/nodes", "Cookie", "signed-in"))) {
            assertThat(r.headers().firstValue("Content-Security-Policy")).as(r.uri().toString())
                    .hasValueSatisfying(csp -> assertThat(csp).contains("script-src 'self'")
                            .contains("frame-ancestors 'none'").doesNotContain("unsafe-inline"));
            assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(r.headers().firstValue("X-Frame-Options")).hasValue("DENY");
            assertThat(r.headers().firstValue("Referrer-Policy")).hasValue("same-origin");
        }
    }

    @Test
    void staticFilesRevalidateByEtag() throws Exception {
        HttpResponse<String> first = get("/static/dinp.css");
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("Content-Type")).hasValue("text/css; charset=utf-8");
        String etag = first.headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> again = get("/static/dinp.css", "If-None-Match", etag);
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        assertThat(get("/static/dinp.css", "If-None-Match", "\"other\"").statusCode()).isEqualTo(200);
    }

    @Test
    void onlyPlainNamesOfTheDashboardAreServed() throws Exception {
        for (String path : List.of("/static/nothing.js", "/static/..%2Fshell.html", "/static/%2e%2e%2fshell.html",
                "/static/shell.class", "/static/.hidden.js")) {
            assertThat(get(path).statusCode()).as(path).isEqualTo(404);
        }
    }

    @Test
    void noScriptWritesDataAsMarkup() throws Exception {
        // data reaches the DOM as text only: no innerHTML, outerHTML, insertAdjacentHTML or document.write
        Path dir = Path.of("src/main/resources/io/dinp/dash/web/static");
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".js")).toList()) {
                assertThat(Files.readString(f)).as(f.toString())
                        .doesNotContain("innerHTML").doesNotContain("outerHTML")
                        .doesNotContain("insertAdjacentHTML").doesNotContain("document.write")
                        .doesNotContain("eval(").doesNotContain("new Function");
            }
        }
    }
}
