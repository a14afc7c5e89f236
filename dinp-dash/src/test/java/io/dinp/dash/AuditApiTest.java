package io.dinp.dash;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The audit log over real HTTP: who, what, when, from where; per app and global; only one's own. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditApiTest {
    @TempDir
    static Path data;
    DashHarness dash;
    String alice;
    String bob;

    @BeforeAll
    void start() throws Exception {
        dash = DashHarness.start(data);
        alice = dash.user("alice", "alice's password");
        bob = dash.user("bob", "bob's password!");
        dash.token(alice).ok("POST", "/api/v1/teams", Map.of("name", "shop"));
        dash.token(bob).ok("POST", "/api/v1/teams", Map.of("name", "blog"));
    }

    @AfterAll
    void stop() {
        dash.close();
    }

    @Test
    void everyChangeOfAnAppSaysWhoWhatWhenAndFromWhere() {
        Instant before = Instant.now().minus(Duration.ofSeconds(1));
        DashHarness.Session s = dash.signIn("alice", "alice's password");
        s.client(dash).ok("POST", "/api/v1/apps", Map.of("name", "web", "image", "reg/web:1", "env", Map.of("SECRET", "hunter2")));
        s.client(dash).ok("PATCH", "/api/v1/apps/web", Map.of("instances", 3));
        s.client(dash).ok("POST", "/api/v1/apps/web/releases", Map.of("version", "2", "image", "reg/web:2"));
        s.client(dash).ok("POST", "/api/v1/apps/web/domains", Map.of("domain", "www.shop.example"));

        JsonNode page = dash.token(alice).ok("GET", "/api/v1/apps/web/audit", null);
        List<String> kinds = page.get("entries").findValuesAsText("kind");
        assertThat(kinds).containsExactly("domain.bound", "release.created", "app.updated", "app.created");
        JsonNode created = page.get("entries").get(3);
        assertThat(created.get("actor").asText()).isEqualTo("alice");
        assertThat(created.get("address").asText()).isEqualTo("127.0.0.1");
        assertThat(created.get("app").asText()).isEqualTo("web");
        assertThat(created.get("team").asText()).isEqualTo("shop");
        assertThat(Instant.parse(created.get("at").asText())).isAfter(before).isBefore(Instant.now().plusSeconds(1));
        assertThat(page.toString()).contains("SECRET").doesNotContain("hunter2");
        assertThat(page.has("nextBefore")).as("absent on the last page").isFalse();
        // the older per-app feed says the same
        assertThat(dash.token(alice).get("/api/v1/apps/web/events").json().findValuesAsText("kind")).contains("app.created");
    }

    @Test
    void theGlobalLogShowsOnesTeamsAndOwnAccountAdminsSeeAll() {
        dash.token(bob).ok("POST", "/api/v1/apps", Map.of("name", "news", "image", "reg/news:1"));
        dash.token(alice).ok("POST", "/api/v1/apps", Map.of("name", "cart", "image", "reg/cart:1"));

        String alices = dash.token(alice).get("/api/v1/audit?limit=1000").text();
        assertThat(alices).contains("\"cart\"", "\"team.created\"", "\"token.created\"").doesNotContain("\"news\"")
                .doesNotContain("\"user.created\"").doesNotContain("\"bob\"");
        String bobs = dash.token(bob).get("/api/v1/audit?limit=1000").text();
        assertThat(bobs).contains("\"news\"").doesNotContain("\"cart\"").doesNotContain("\"alice\"");
        String admins = dash.admin().get("/api/v1/audit?limit=1000").text();
        assertThat(admins).contains("\"news\"", "\"cart\"", "\"user.created\"");

        assertThat(dash.token(alice).get("/api/v1/apps/news/audit").status()).isEqualTo(404);
    }

    @Test
    void pagesGoBackFromTheLastIdSeen() {
        for (int i = 0; i < 5; i++) {
            dash.token(alice).ok("POST", "/api/v1/teams", Map.of("name", "paged-" + i));
        }
        List<String> seen = new ArrayList<>();
        String next = "/api/v1/audit?limit=2";
        for (int pages = 0; pages < 3; pages++) {
            JsonNode page = dash.token(alice).ok("GET", next, null);
            page.get("entries").forEach(e -> {
                if (e.get("kind").asText().equals("team.created") && e.get("team").asText().startsWith("paged-")) {
                    seen.add(e.get("team").asText());
                }
            });
            next = "/api/v1/audit?limit=2&before=" + page.get("nextBefore").asLong();
        }
        assertThat(seen).containsExactly("paged-4", "paged-3", "paged-2", "paged-1", "paged-0");
        DashHarness.Reply bad = dash.token(alice).get("/api/v1/audit?limit=0");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.error()).isEqualTo("invalid limit: must be a whole number from 1 to 1000, was 0");
    }

    @Test
    void accountChangesAreAudited() {
        dash.signIn("bob", "bob's password!");
        String admins = dash.admin().get("/api/v1/audit?limit=1000").text();
        assertThat(admins).contains("\"session.started\"", "\"user.created\"");
        assertThat(admins).doesNotContain("bob's password!").doesNotContain(alice);
    }
}
