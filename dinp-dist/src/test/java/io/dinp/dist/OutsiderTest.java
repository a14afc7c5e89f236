package io.dinp.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dinp.agent.DockerClients;
import io.dinp.builder.BuildService;
import io.dinp.builder.BuilderSettings;
import io.dinp.common.Json;
import io.dinp.common.http.HttpApi;
import io.dinp.dash.DashConfig;
import io.dinp.dash.DashNode;
import io.dinp.model.AppStatus;
import io.dinp.model.ClusterView;
import io.dinp.model.InstanceInfo;
import io.dinp.model.NodeInfo;
import io.dinp.pki.ClusterCa;
import io.dinp.pki.Identity;
import io.dinp.pki.Role;
import io.dinp.store.BuildStore;
import io.dinp.store.ClusterCaStore;
import io.dinp.store.IssuedCertificateStore;
import io.dinp.store.JoinTokenStore;
import io.dinp.store.Database;
import io.dinp.store.ReleaseStore;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two teams, and every route of the public API — dash's and the builder's, as {@code dinp up}
 * wires them, taken from the server's own list so that routes added later are tried too — called
 * by a member of the other team with a token and with a session. Each call naming the victim's
 * app, build, team, user or token is refused (403/404) with the very answer a name that does not
 * exist gets; calls naming nothing answer without a trace of the victim; and afterwards the
 * victim's things are as they were.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OutsiderTest {
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path data;
    Database db;
    DashNode dash;
    BuildService builds;
    HttpApi api;
    String base;

    /** What the victim team has, by path parameter, and made-up names of the same shape. */
    final Map<String, String> victim = new LinkedHashMap<>();
    final Map<String, String> ghost = new LinkedHashMap<>();
    String victimToken;
    String victimTokenId;
    String buildId;
    String outsiderToken;
    String joinTokenId;

    static final ClusterView NOTHING_RUNS = new ClusterView() {
        @Override
        public Optional<AppStatus> status(String app) {
            return Optional.empty();
        }

        @Override
        public List<InstanceInfo> instances(String app) {
            return List.of();
        }

        @Override
        public List<NodeInfo> nodes() {
            return List.of();
        }

        @Override
        public void desiredChanged(String app) {
        }
    };

    @BeforeAll
    void start() throws Exception {
        db = Database.open(Database.h2FileUrl(data), "dinp", "");
        // never asked to build: every build request here is refused before it reaches Docker
        builds = new BuildService(BuilderSettings.defaults(data.resolve("builds"), Optional.empty()),
                DockerClients.create("unix:///var/run/docker.sock"), new BuildStore(db), new ReleaseStore(db), app -> "");
        AtomicReference<HttpApi> wired = new AtomicReference<>();
        dash = DashNode.start(new DashConfig("127.0.0.1", 0, "apps.test", 80), db, NOTHING_RUNS, data, a -> {
            Builders.routes(builds, db).accept(a);
            wired.set(a);
        });
        api = wired.get();
        base = "http://127.0.0.1:" + dash.port();
        String admin = Files.readString(data.resolve("admin-token")).trim();

        for (String u : List.of("victim", "outsider")) {
            ok(call("POST", "/api/v1/users", bearer(admin), Map.of("name", u, "password", u + "'s password")));
        }
        victimToken = ok(call("POST", "/api/v1/tokens", basic("victim", "victim's password"), Map.of("name", "v"))).get("token").asText();
        victimTokenId = ok(call("GET", "/api/v1/tokens", bearer(victimToken), null)).get(0).get("id").asText();
        outsiderToken = ok(call("POST", "/api/v1/tokens", basic("outsider", "outsider's password"), Map.of("name", "o")))
                .get("token").asText();
        ok(call("POST", "/api/v1/teams", bearer(victimToken), Map.of("name", "victims")));
        ok(call("POST", "/api/v1/teams", bearer(outsiderToken), Map.of("name", "outsiders")));
        ok(call("POST", "/api/v1/apps", bearer(outsiderToken), Map.of("name", "outsider-app", "image", "reg/o:1")));
        ok(call("POST", "/api/v1/apps", bearer(victimToken), Map.of("name", "victim-app", "image", "reg/v:1", "instances", 2)));
        ok(call("POST", "/api/v1/apps/victim-app/releases", bearer(victimToken), Map.of("version", "1", "image", "reg/v:1")));
        ok(call("POST", "/api/v1/apps/victim-app/domains", bearer(victimToken), Map.of("domain", "www.victim.example")));
        buildId = new BuildStore(db).create("victim-app", "2", "jar", "victim").id();
        // the cluster's own things, which only site admins manage: a join token and a node with a certificate
        new ClusterCaStore(db).claim(ClusterCa.create("outsider-test", java.time.Instant.now()).certificate());
        joinTokenId = ok(call("POST", "/api/v1/nodes/tokens", bearer(admin), Map.of("role", "node"))).get("id").asText();
        new IssuedCertificateStore(db).record("ab01", new Identity(Role.NODE, "victim-node"), java.time.Instant.now().plusSeconds(3600));

        victim.put("name", "victim-app");
        ghost.put("name", "ghost-app");
        victim.put("app", "victim-app");
        ghost.put("app", "ghost-app");
        victim.put("version", "1");
        ghost.put("version", "1");
        victim.put("domain", "www.victim.example");
        ghost.put("domain", "www.ghost.example");
        victim.put("team", "victims");
        ghost.put("team", "ghost-team");
        victim.put("user", "victim");
        ghost.put("user", "ghostuser");
    }

    @AfterAll
    void stop() throws Exception {
        dash.close();
        builds.close();
        db.close();
    }

    @Test
    void everyRouteIsTriedAndTheBuildersAreAmongThem() {
        List<String> routes = api.routes().stream().map(r -> r.method() + " " + r.path()).toList();
        assertThat(routes).contains("POST /api/v1/apps/{name}/builds", "GET /api/v1/builds/{id}/log",
                "GET /api/v1/apps/{name}", "POST /api/v1/teams/{team}/members", "DELETE /api/v1/tokens/{id}");
        assertThat(routes).hasSizeGreaterThan(35);
    }

    @Test
    void withTheOtherTeamsTokenEveryRouteIsRefused() throws Exception {
        tryEveryRoute(bearer(outsiderToken));
    }

    @Test
    void withTheOtherTeamsSessionEveryRouteIsRefused() throws Exception {
        HttpResponse<String> signIn = call("POST", "/api/v1/session", List.of(),
                Map.of("name", "outsider", "password", "outsider's password"));
        assertThat(signIn.statusCode()).isEqualTo(201);
        String cookie = signIn.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        String csrf = Json.MAPPER.readTree(signIn.body()).get("csrfToken").asText();
        tryEveryRoute(List.of("Cookie", cookie, "X-CSRF-Token", csrf));
    }

    @Test
    void withoutCredentialsEveryRouteButTheOpenOnesAsksForThem() throws Exception {
        for (HttpApi.RouteInfo r : api.routes()) {
            if (r.open()) {
                continue;
            }
            HttpResponse<String> resp = call(r.method(), fill(r.path(), victim), List.of(), r.method().equals("GET") ? null : Map.of());
            assertThat(resp.statusCode()).as(r.method() + " " + r.path()).isEqualTo(401);
            assertThat(resp.body()).doesNotContain("victim");
        }
    }

    private void tryEveryRoute(List<String> credentials) throws Exception {
        List<String> tried = new ArrayList<>();
        // signing out ends the outsider's own session: try it last
        List<HttpApi.RouteInfo> routes = new ArrayList<>(api.routes());
        routes.sort(java.util.Comparator.comparing(r -> r.method().equals("DELETE") && r.path().equals("/api/v1/session")));
        for (HttpApi.RouteInfo r : routes) {
            if (r.open()) {
                continue;
            }
            String label = r.method() + " " + r.path();
            Object body = r.method().equals("GET") ? null : Map.of();
            if (!r.path().contains("{")) {
                // names nothing: may answer, about the caller's own things only
                HttpResponse<String> resp = call(r.method(), r.path(), credentials, body);
                assertThat(resp.body()).as(label).doesNotContain("victim").doesNotContain(buildId).doesNotContain(victimTokenId);
                tried.add(label);
                continue;
            }
            HttpResponse<String> theirs = call(r.method(), fill(r.path(), victim), credentials, body);
            HttpResponse<String> none = call(r.method(), fill(r.path(), ghost), credentials, body);
            assertThat(theirs.statusCode()).as(label + " answered " + theirs.body()).isIn(403, 404);
            assertThat(theirs.body()).as(label + ": the other team's answer is the same as for nothing")
                    .isEqualTo(unghost(none.body()));
            tried.add(label);
        }
        assertThat(tried).hasSameSizeAs(api.routes().stream().filter(r -> !r.open()).toList());
        victimIsUntouched();
    }

    private void victimIsUntouched() throws Exception {
        JsonNode app = ok(call("GET", "/api/v1/apps/victim-app", bearer(victimToken), null));
        assertThat(app.get("generation").asInt()).isEqualTo(1);
        assertThat(app.get("instances").asInt()).isEqualTo(2);
        assertThat(app.get("domains").toString()).isEqualTo("[\"www.victim.example\"]");
        assertThat(ok(call("GET", "/api/v1/apps/victim-app/releases", bearer(victimToken), null)).size()).isEqualTo(1);
        assertThat(ok(call("GET", "/api/v1/teams/victims", bearer(victimToken), null)).get("members").size()).isEqualTo(1);
        assertThat(ok(call("GET", "/api/v1/builds/" + buildId, bearer(victimToken), null)).get("app").asText()).isEqualTo("victim-app");
        assertThat(call("GET", "/api/v1/me", basic("victim", "victim's password"), null).statusCode()).isEqualTo(200);
        assertThat(new JoinTokenStore(db).find(joinTokenId)).isPresent();
        assertThat(new IssuedCertificateStore(db).revoked(java.time.Instant.now())).isEmpty();
    }

    /** The path with each {param} replaced by what {@code names} has for it; ids depend on the resource. */
    private String fill(String path, Map<String, String> names) {
        String out = path;
        boolean real = names == victim;
        if (path.startsWith("/api/v1/builds/")) {
            out = out.replace("{id}", real ? buildId : "b" + "0".repeat(buildId.length() - 1));
        } else if (path.startsWith("/api/v1/tokens/")) {
            out = out.replace("{id}", real ? victimTokenId : "0".repeat(victimTokenId.length()));
        } else if (path.startsWith("/api/v1/nodes/tokens/")) {
            out = out.replace("{id}", real ? joinTokenId : "f".repeat(joinTokenId.length()));
        } else if (path.startsWith("/api/v1/nodes/")) {
            out = out.replace("{id}", real ? "victim-node" : "ghost-node");
        }
        for (var e : names.entrySet()) {
            out = out.replace("{" + e.getKey() + "}", e.getValue());
        }
        assertThat(out).as("a route with a parameter this test does not know yet: teach it what to put there").doesNotContain("{");
        return out;
    }

    /** An answer about made-up names, with the victim's names put in their place. */
    private String unghost(String body) {
        String out = body.replace("b" + "0".repeat(buildId.length() - 1), buildId)
                .replace("0".repeat(victimTokenId.length()), victimTokenId);
        for (var e : ghost.entrySet()) {
            out = out.replace(e.getValue(), victim.get(e.getKey()));
        }
        return out;
    }

    private HttpResponse<String> call(String method, String path, List<String> headers, Object body) throws IOException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
        for (int i = 0; i < headers.size(); i += 2) {
            b.header(headers.get(i), headers.get(i + 1));
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(Json.write(body)));
        try {
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static JsonNode ok(HttpResponse<String> r) throws IOException {
        assertThat(r.statusCode()).as(r.request().method() + " " + r.uri() + ": " + r.body()).isBetween(200, 299);
        return Json.MAPPER.readTree(r.body());
    }

    private static List<String> bearer(String token) {
        return List.of("Authorization", "Bearer " + token);
    }

    private static List<String> basic(String user, String password) {
        return List.of("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(StandardCharsets.UTF_8)));
    }
}
