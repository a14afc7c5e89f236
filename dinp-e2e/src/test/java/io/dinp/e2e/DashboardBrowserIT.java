package io.dinp.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dinp.testkit.Samples;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The web dashboard in a real headless Chromium against {@code dinp up}: sign in through the login
 * page, create an app, build and deploy it, scale it and watch the instances change without a
 * reload, roll back, edit the env, sign out; user text shown as text; CSRF; another team's user
 * sees nothing. Saves screenshots of the apps list and an app's page for review.
 */
class DashboardBrowserIT {
    static final Duration PATIENCE = Duration.ofMinutes(3);
    static final Path SHOTS = Path.of(System.getProperty("dinp.screenshots", "target/screenshots"));
    static final String SCRIPT = "<script>window.__pwned = 1</script>";
    static OneJvm up;
    static Chromium chromium;
    static Path work;
    static String adminPassword;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(Chromium.installed(), "no headless browser: install Debian's chromium and chromium-driver "
                + "(./dinp test does) to run the dashboard's browser test");
        Samples.run(Samples.ROOT, "bash", "scripts/stacks.sh", "build", "static");
        up = new OneJvm("web", 2048).start();
        adminPassword = Files.readString(up.data.resolve("admin-password")).trim();
        work = Files.createTempDirectory("dinp-dashboard-");
        chromium = new Chromium();
    }

    @AfterAll
    static void stop() throws Exception {
        if (chromium != null) {
            chromium.close();
        }
        if (up != null) {
            up.close();
        }
    }

    @BeforeEach
    void signedOut() {
        chromium.driver.manage().deleteAllCookies();
    }

    // ---- helpers: what a person does ----

    static void open(String path) {
        chromium.driver.get(up.base() + path);
    }

    static WebElement find(String css) {
        return chromium.waiting(Duration.ofSeconds(20)).until(d -> {
            var found = d.findElements(By.cssSelector(css));
            return found.isEmpty() ? null : found.getFirst();
        });
    }

    /**
     * Types into a field until it holds exactly the text: a live page may refresh a field it
     * believes untouched between clearing it and typing, as a person would see and type again.
     */
    static void type(String css, String text) {
        chromium.waiting(Duration.ofSeconds(20)).until(d -> {
            WebElement e = find(css);
            e.clear();
            e.sendKeys(text);
            return text.equals(e.getDomProperty("value"));
        });
    }

    /** Waits for n elements, and says what the page and the API showed when they never come. */
    static void awaitCount(String css, int n, String app) {
        try {
            awaitCount(css, n);
        } catch (org.openqa.selenium.TimeoutException e) {
            String dump = threadDump();
            throw new AssertionError("waited for " + n + " of " + css + "; the page shows "
                    + chromium.driver.findElements(By.cssSelector(css)).size() + ", #scale-instances="
                    + chromium.driver.findElements(By.id("scale-instances")).stream().map(f -> f.getDomProperty("value")).toList()
                    + ", #scale-error=" + chromium.driver.findElements(By.id("scale-error")).stream().map(WebElement::getText).toList()
                    + ", problems=" + chromium.driver.findElements(By.cssSelector(".problem, .error-text")).stream()
                            .map(WebElement::getText).filter(t -> !t.isBlank()).toList()
                    + "; the API: " + up.api.send("GET", "/api/v1/apps/" + app, null).body()
                    + " instances " + up.api.send("GET", "/api/v1/apps/" + app + "/instances", null).body()
                    + "; the page's last requests (ms since it loaded: start+duration) at " + chromium.driver.executeScript(
                            "return Math.round(performance.now()) + ' (' + document.visibilityState + ', '"
                                    + " + performance.getEntriesByType('resource').length + ' requests done; calls that hung are"
                                    + " in chromedriver.log as dinp: warnings): '"
                                    + " + performance.getEntriesByType('resource').slice(-12)"
                                    + ".map(r => r.name.replace(location.origin, '') + ' ' + Math.round(r.startTime) + '+'"
                                    + " + Math.round(r.duration)).join(', ')")
                    + "; threads of dinp up: " + dump, e);
        }
    }

    /** The threads of the dinp up process, virtual ones included, in a file beside its log. */
    static String threadDump() {
        try {
            Path f = Path.of("target", "e2e-logs", "up-web-threads-" + System.currentTimeMillis() + ".txt").toAbsolutePath();
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    String.valueOf(up.process.pid()), "Thread.dump_to_file", "-format=text", f.toString())
                    .redirectErrorStream(true).start();
            p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            p.waitFor();
            return f.toString();
        } catch (Exception ex) {
            return "(no thread dump: " + ex + ")";
        }
    }

    static void awaitText(String css, String contains) {
        chromium.waiting(PATIENCE).until(d -> d.findElements(By.cssSelector(css)).stream()
                .anyMatch(e -> e.getText().contains(contains)));
    }

    static void awaitCount(String css, int n) {
        chromium.waiting(PATIENCE).until(d -> d.findElements(By.cssSelector(css)).size() == n);
    }

    static String path() {
        return URI.create(chromium.driver.getCurrentUrl()).getPath();
    }

    static void signIn(String user, String password) {
        open("/login");
        type("#name", user);
        type("#password", password);
        find("#sign-in").click();
        chromium.waiting(Duration.ofSeconds(20)).until(d -> path().equals("/apps"));
        awaitText("#me", user);
    }

    static Path artifact(String name, Map<String, String> files) throws Exception {
        Path f = work.resolve(name);
        Files.write(f, Samples.tarGz(files));
        return f;
    }

    /** Uploads on the app's build page and waits for the build's end; returns its status line. */
    static String build(String app, String version, String stack, Path file) {
        open("/apps/" + app + "/build");
        type("#build-version", version);
        new Select(find("#build-stack")).selectByValue(stack);
        find("#build-file").sendKeys(file.toString());
        find("#upload").click();
        chromium.waiting(PATIENCE).until(d -> {
            String s = d.findElement(By.id("build-status")).getText();
            return s.contains("succeeded") || s.contains("failed");
        });
        return find("#build-status").getText();
    }

    static Object script(String js, Object... args) {
        return chromium.driver.executeAsyncScript(js, args);
    }

    // ---- the tests ----

    @Test
    void aUserRunsAnAppFromSignInToSignOut() throws Exception {
        signIn("admin", adminPassword);

        type("#new-app-name", "shop");
        type("#new-app-instances", "1");
        type("#new-app-memory", "64");
        if (!chromium.driver.findElements(By.id("new-app-team")).isEmpty()) {
            new Select(find("#new-app-team")).selectByValue("default");
        }
        find("#create-app").click();
        find("tr[data-app=shop] a.app-link").click();
        awaitText("#app-state", "pending");

        String v1 = build("shop", "1", "static", artifact("v1.tar.gz", Map.of("index.html", "shop v1\n")));
        assertThat(v1).contains("succeeded");
        awaitText("#build-log", "release 1 created");
        find("#deploy-build").click();
        chromium.waiting(Duration.ofSeconds(20)).until(d -> path().equals("/apps/shop"));
        awaitCount("tr[data-instance][data-state=running]", 1, "shop");

        // from here on the page is never reloaded: a marker on the window would not survive a reload
        chromium.driver.executeScript("window.__samePage = 'yes'");
        type("#scale-instances", "2");
        find("#scale").click();
        awaitCount("tr[data-instance][data-state=running]", 2, "shop");
        awaitText("#app-counts", "2 serving of 2 wanted");
        assertThat(chromium.driver.executeScript("return window.__samePage")).isEqualTo("yes");

        for (int i = 0; i < 30; i++) {
            assertThat(up.router.get("shop.apps.localhost").body()).startsWith("shop v1");
        }
        String v2 = build("shop", "2", "static", artifact("v2.tar.gz", Map.of("index.html", "shop v2\n")));
        assertThat(v2).contains("succeeded");
        find("#deploy-build").click();
        chromium.waiting(Duration.ofSeconds(20)).until(d -> path().equals("/apps/shop"));
        find("tr[data-release='2'][data-current=true]");
        chromium.driver.executeScript("window.__samePage = 'yes'");

        find("#rollback").click();
        find("tr[data-release='1'][data-current=true]");
        org.awaitility.Awaitility.await().atMost(PATIENCE).pollInterval(Duration.ofMillis(300)).untilAsserted(() ->
                assertThat(up.router.get("shop.apps.localhost").body()).startsWith("shop v1"));

        find("#edit-env").click();
        type(".env-row .env-name", "GREETING");
        type(".env-row .env-value", "hello " + SCRIPT);
        find("#save-env").click();
        awaitText("dd[data-env=GREETING]", SCRIPT);
        assertThat(up.api.app("shop").get("env").get("GREETING").asText()).isEqualTo("hello " + SCRIPT);
        assertThat(chromium.driver.executeScript("return window.__pwned")).isNull();
        assertThat(chromium.driver.executeScript("return window.__samePage")).isEqualTo("yes");

        // a secret: typed once, then never on the page again — not in the view, not in the editor
        String secret = "browser-secret-" + java.util.UUID.randomUUID();
        find("#edit-env").click();
        find("#add-env").click();
        var rows = chromium.driver.findElements(By.cssSelector(".env-row"));
        WebElement row = rows.getLast();
        row.findElement(By.cssSelector(".env-name")).sendKeys("API_KEY");
        row.findElement(By.cssSelector(".env-secret")).click();
        assertThat(row.findElement(By.cssSelector(".env-value")).getAttribute("type")).isEqualTo("password");
        row.findElement(By.cssSelector(".env-value")).sendKeys(secret);
        find("#save-env").click();
        awaitText("dd[data-env=API_KEY]", "********");
        assertThat(up.api.app("shop").get("secretEnv").toString()).isEqualTo("[\"API_KEY\"]");
        assertThat(up.api.app("shop").get("env").get("GREETING").asText()).isEqualTo("hello " + SCRIPT);
        assertThat(chromium.driver.getPageSource()).doesNotContain(secret);
        find("#edit-env").click();
        WebElement stored = find(".env-row[data-stored=secret] .env-value");
        assertThat(stored.getAttribute("type")).isEqualTo("password");
        assertThat(stored.getDomProperty("value")).isEmpty();
        assertThat(chromium.driver.executeScript("return [...document.querySelectorAll('input')].map(i => i.value).join('\\n')"))
                .asString().doesNotContain(secret);
        find("#save-env").click(); // saved untouched: the stored secret stays
        awaitText("dd[data-env=API_KEY]", "********");
        assertThat(chromium.driver.getPageSource()).doesNotContain(secret);

        // pictures for review, once the env change has rolled out: charts with some traffic in them
        awaitText("#app-state", "running");
        for (int i = 0; i < 30; i++) {
            assertThat(up.router.get("shop.apps.localhost").status()).isEqualTo(200);
        }
        chromium.waiting(PATIENCE).until(d -> !d.findElements(By.cssSelector("figure[data-chart='Requests per second'] path")).isEmpty());
        chromium.screenshot(SHOTS, "app-detail", Chromium.LAPTOP);
        chromium.screenshot(SHOTS, "app-detail-phone", Chromium.PHONE);
        open("/apps");
        find("tr[data-app=shop]");
        chromium.screenshot(SHOTS, "apps-list", Chromium.LAPTOP);
        open("/nodes");
        find("#node-charts figure svg");
        chromium.screenshot(SHOTS, "nodes", Chromium.LAPTOP);

        find("#sign-out").click();
        chromium.waiting(Duration.ofSeconds(20)).until(d -> path().equals("/login"));
        open("/apps/shop");
        assertThat(path()).isEqualTo("/login");
        assertThat(chromium.driver.getCurrentUrl()).endsWith("/login?next=%2Fapps%2Fshop");
    }

    @Test
    void textFromUsersAndTheirAppsIsShownAsText() throws Exception {
        up.api.ok("POST", "/api/v1/apps", Map.of("name", "echo", "team", "default", "instances", 1, "memory", 32));
        signIn("admin", adminPassword);
        // the build log echoes markup, and so does the app's last log when it crashes
        Path dockerfile = artifact("echo.tar.gz", Map.of("Dockerfile", "FROM dinp/busybox:latest\n"
                + "RUN echo 'build says " + SCRIPT + "'\n"
                + "CMD [\"/bin/sh\", \"-c\", \"echo 'app says " + SCRIPT.replace("1", "2") + "'; exit 3\"]\n"));
        assertThat(build("echo", "1", "dockerfile", dockerfile)).contains("succeeded");
        awaitText("#build-log", "build says " + SCRIPT);
        find("#deploy-build").click();
        awaitText("#log-tail", "app says " + SCRIPT.replace("1", "2"));
        awaitText("#app-state", "crashing");
        assertThat(chromium.driver.executeScript("return window.__pwned")).isNull();
        assertThat(chromium.driver.findElements(By.cssSelector("body script"))).isEmpty();
        assertThat(find("#log-tail").findElements(By.xpath("./*"))).isEmpty();
    }

    @Test
    void theAppPageTailsEveryInstancesLogLive() throws Exception {
        up.api.ok("POST", "/api/v1/apps", Map.of("name", "tail", "team", "default", "instances", 2, "memory", 32));
        signIn("admin", adminPassword);
        // a server that logs every request it answers (to stderr)
        Path site = artifact("tail.tar.gz", Map.of(
                "Dockerfile", "FROM dinp/busybox:latest\nCOPY index.html /www/index.html\n"
                        + "CMD [\"/bin/sh\", \"-c\", \"exec httpd -f -vv -p 0.0.0.0:$PORT -h /www\"]\n",
                "index.html", "tail\n"));
        assertThat(build("tail", "1", "dockerfile", site)).contains("succeeded");
        find("#deploy-build").click();
        chromium.waiting(Duration.ofSeconds(20)).until(d -> path().equals("/apps/tail"));
        awaitCount("tr[data-instance][data-state=running]", 2, "tail");
        chromium.driver.executeScript("window.__samePage = 'yes'");

        // requests made after the page opened show up in its log card without a reload: the card
        // follows the live stream, it does not wait for an instance to exit
        String host = "tail.apps.localhost";
        for (int i = 0; i < 6; i++) {
            String marker = "/live-" + i + "-" + java.util.UUID.randomUUID();
            RouterClient.Answer a = up.router.get(host, marker);
            assertThat(a.status()).as(a.body()).isIn(404, 200);
            awaitText("#log-tail", marker);
        }
        // a line from each instance, each after its instance's id
        Set<String> instances = new java.util.HashSet<>();
        for (JsonNode i : up.api.ok("GET", "/api/v1/apps/tail/instances", null)) {
            String id = i.get("id").asText();
            instances.add(id.length() > 12 ? id.substring(0, 12) : id);
        }
        assertThat(instances).hasSize(2);
        chromium.waiting(PATIENCE).until(d -> {
            up.router.get(host, "/spread-" + System.nanoTime());
            String shown = d.findElement(By.id("log-tail")).getText();
            return instances.stream().allMatch(shown::contains);
        });
        assertThat(chromium.driver.executeScript("return window.__samePage")).isEqualTo("yes");
        assertThat(find("#log-tail").findElements(By.xpath("./*"))).isEmpty();
    }

    @Test
    void aCallThatNeverGetsAnAnswerIsGivenUpAndAGetIsAskedOnceMore() {
        signIn("admin", adminPassword);
        // the browser holds every request to this path and never lets it go: a connection that never answers
        chromium.driver.executeCdpCommand("Fetch.enable", Map.of("patterns", List.of(Map.of("urlPattern", "*/api/v1/never-answered*"))));
        try {
            Object outcome = script("const done = arguments[arguments.length - 1];"
                    + "const said = []; const warn = console.warn;"
                    + "console.warn = (...a) => { said.push(a.join(' ')); warn(...a); };"
                    + "import('/static/api.js').then(m => m.fetchText('/api/v1/never-answered', {}, 500))"
                    + ".then(() => done('answered'), e => done(e.name + ': ' + e.message + ' | ' + said.join(' | ')))"
                    + ".finally(() => { console.warn = warn; });");
            assertThat(outcome).isEqualTo("NoAnswer: GET /api/v1/never-answered got no answer in 0.5 s"
                    + " | dinp: GET /api/v1/never-answered got no answer in 0.5 s; asking again"
                    + " | dinp: GET /api/v1/never-answered got no answer in 0.5 s; given up");
            Object post = script("const done = arguments[arguments.length - 1];"
                    + "import('/static/api.js').then(m => m.fetchText('/api/v1/never-answered', {method: 'POST'}, 500))"
                    + ".then(() => done('answered'), e => done(e.name + ': ' + e.message));");
            assertThat(post).as("a change is never sent twice").isEqualTo("NoAnswer: POST /api/v1/never-answered got no answer in 0.5 s");
        } finally {
            chromium.driver.executeCdpCommand("Fetch.disable", Map.of());
        }
        // a GET that fails on the network (here: refused by the page's connect-src) is asked once more too
        Object failed = script("const done = arguments[arguments.length - 1];"
                + "const said = []; const warn = console.warn;"
                + "console.warn = (...a) => { said.push(a.join(' ')); warn(...a); };"
                + "import('/static/api.js').then(m => m.fetchText('http://127.0.0.1:1/elsewhere'))"
                + ".then(() => done('answered'), e => done(e.name + ' | ' + said.join(' | ')))"
                + ".finally(() => { console.warn = warn; });");
        assertThat(failed).asString().startsWith("TypeError | dinp: GET http://127.0.0.1:1/elsewhere failed: ")
                .contains("; asking again | dinp: GET http://127.0.0.1:1/elsewhere failed: ").endsWith("; given up");
    }

    @Test
    void aPageWhoseScriptsFailToLoadIsLoadedAgain() {
        // as Chrome fails them when an agent on this machine creates an app's Docker network (ERR_NETWORK_CHANGED)
        signIn("admin", adminPassword);
        open("/apps");
        find("#me");
        chromium.driver.executeScript("window.dinpBefore = 1; sessionStorage.removeItem('dinp.reloads');"
                + "const s = document.createElement('script'); s.type = 'module'; s.src = '/static/no-such-module.js';"
                + "document.head.append(s);");
        chromium.waiting(Duration.ofSeconds(30)).until(d -> chromium.driver.executeScript("return window.dinpBefore") == null
                && !d.findElements(By.id("me")).isEmpty());
        assertThat(chromium.driver.executeScript("return JSON.parse(sessionStorage.getItem('dinp.reloads')).length")).isEqualTo(1L);
        assertThat(path()).isEqualTo("/apps");
    }

    @Test
    void aChangeWithoutTheCsrfTokenIsRefused() {
        signIn("admin", adminPassword);
        String post = "const done = arguments[arguments.length - 1];"
                + "const headers = {'Content-Type': 'application/json'};"
                + "if (arguments[1]) headers['X-CSRF-Token'] = arguments[1];"
                + "fetch('/api/v1/teams', {method: 'POST', headers, body: JSON.stringify({name: arguments[0]})})"
                + ".then(r => done(r.status), e => done(String(e)));";
        assertThat(script(post, "forged", null)).isEqualTo(403L);
        String token = (String) script("const done = arguments[0];"
                + "fetch('/api/v1/session').then(r => r.json()).then(b => done(b.csrfToken), e => done(String(e)));");
        assertThat(script(post, "genuine", token)).isEqualTo(201L);
        List<String> teams = up.api.ok("GET", "/api/v1/teams", null).findValuesAsText("name");
        assertThat(teams).contains("genuine").doesNotContain("forged");
    }

    @Test
    void anotherTeamsUserSeesNoneOfIt() {
        up.api.ok("POST", "/api/v1/apps", Map.of("name", "secret", "team", "default", "instances", 0,
                "env", Map.of("KEY", "hidden-value")));
        up.api.ok("POST", "/api/v1/users", Map.of("name", "mallory", "password", "correct horse battery"));
        signIn("mallory", "correct horse battery");
        open("/accounts");
        type("#new-team-name", "other");
        find("#new-team-submit").click();
        find("[data-team=other]");

        open("/apps");
        find("#apps table");
        assertThat(chromium.driver.findElements(By.cssSelector("tr[data-app=secret]"))).isEmpty();
        for (String page : List.of("/apps/secret", "/apps/secret/build")) {
            open(page);
            awaitText("#page-error", "no app named secret");
            assertThat(chromium.driver.getPageSource()).doesNotContain("hidden-value");
        }
        open("/audit");
        find("#audit table");
        assertThat(find("#audit").getText()).doesNotContain("secret");
        String token = (String) script("const done = arguments[0];"
                + "fetch('/api/v1/session').then(r => r.json()).then(b => done(b.csrfToken), e => done(String(e)));");
        String call = "const done = arguments[arguments.length - 1];"
                + "fetch(arguments[0], {method: arguments[1], headers: {'X-CSRF-Token': arguments[2], 'Content-Type': 'application/json'},"
                + " body: arguments[1] === 'GET' ? undefined : '{\"instances\": 5}'}).then(r => done(r.status), e => done(String(e)));";
        for (String[] c : List.of(new String[] {"/api/v1/apps/secret/metrics", "GET"},
                new String[] {"/api/v1/apps/secret/instances", "GET"}, new String[] {"/api/v1/apps/secret", "PATCH"},
                new String[] {"/api/v1/apps/secret/rollback", "POST"})) {
            assertThat(script(call, c[0], c[1], token)).as(c[1] + " " + c[0]).isEqualTo(404L);
        }
        assertThat(up.api.app("secret").get("instances").asInt()).isZero();
    }

    @Test
    void pagesNeedASessionAndForbidFramingAndInlineScript() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (String page : List.of("/apps", "/apps/shop", "/nodes", "/accounts", "/audit", "/apps/shop/build")) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(up.base() + page)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(page).isEqualTo(303);
            assertThat(r.headers().firstValue("Location").orElseThrow()).startsWith("/login?next=");
        }
        for (String file : List.of("/login", "/static/page-app.js", "/static/dinp.css")) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(up.base() + file)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(file).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Security-Policy").orElseThrow())
                    .contains("script-src 'self'").contains("frame-ancestors 'none'");
            assertThat(r.headers().firstValue("X-Frame-Options")).hasValue("DENY");
            assertThat(r.headers().firstValue("ETag")).isPresent();
        }
    }
}
