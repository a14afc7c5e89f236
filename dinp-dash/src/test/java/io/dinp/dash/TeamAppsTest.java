package io.dinp.dash;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Every app belongs to one team: who sees it, where a new one goes. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TeamAppsTest {
    @TempDir
    static Path data;
    DashHarness dash;
    String alice;
    String bob;
    String carol;

    @BeforeAll
    void start() throws Exception {
        dash = DashHarness.start(data);
        alice = dash.user("alice", "alice's password");
        bob = dash.user("bob", "bob's password!");
        carol = dash.user("carol", "carol's password");
        dash.token(alice).ok("POST", "/api/v1/teams", Map.of("name", "shop"));
        dash.token(bob).ok("POST", "/api/v1/teams", Map.of("name", "blog"));
        dash.token(alice).ok("POST", "/api/v1/teams", Map.of("name", "lab"));
    }

    @AfterAll
    void stop() {
        dash.close();
    }

    @Test
    void aNewAppGoesToTheCallersOnlyTeamOrTheNamedOne() {
        JsonNode byBob = dash.token(bob).ok("POST", "/api/v1/apps", Map.of("name", "bobs-blog", "image", "reg/blog:1"));
        assertThat(byBob.get("team").asText()).isEqualTo("blog");

        DashHarness.Reply ambiguous = dash.token(alice).send("POST", "/api/v1/apps", Map.of("name", "shop-web", "image", "reg/web:1"));
        assertThat(ambiguous.status()).isEqualTo(400);
        assertThat(ambiguous.error()).isEqualTo("invalid team: is required: you belong to several teams (lab, shop)");
        assertThat(dash.token(alice).ok("POST", "/api/v1/apps", Map.of("name", "shop-web", "image", "reg/web:1", "team", "shop"))
                .get("team").asText()).isEqualTo("shop");

        DashHarness.Reply notHers = dash.token(alice).send("POST", "/api/v1/apps", Map.of("name", "x1", "image", "reg/x:1", "team", "blog"));
        DashHarness.Reply noSuch = dash.token(alice).send("POST", "/api/v1/apps", Map.of("name", "x1", "image", "reg/x:1", "team", "blob"));
        assertThat(notHers.status()).isEqualTo(400);
        assertThat(notHers.text()).isEqualTo(noSuch.text().replace("blob", "blog"));

        DashHarness.Reply loner = dash.token(carol).send("POST", "/api/v1/apps", Map.of("name", "x2", "image", "reg/x:1"));
        assertThat(loner.error()).contains("you belong to no team");

        // the bootstrap admin's only team is 'default', so scripts that never heard of teams keep working
        assertThat(dash.admin().ok("POST", "/api/v1/apps", Map.of("name", "legacy", "image", "reg/x:1")).get("team").asText())
                .isEqualTo("default");
        assertThat(dash.admin().ok("POST", "/api/v1/apps", Map.of("name", "for-blog", "image", "reg/x:1", "team", "blog"))
                .get("team").asText()).isEqualTo("blog");
    }

    @Test
    void eachSeesOnlyTheirTeamsAppsAndAdminsSeeAll() {
        dash.token(bob).ok("POST", "/api/v1/apps", Map.of("name", "bob-only", "image", "reg/blog:1"));
        dash.token(alice).ok("POST", "/api/v1/apps", Map.of("name", "alice-only", "image", "reg/web:1", "team", "lab"));

        assertThat(dash.token(alice).get("/api/v1/apps").json().findValuesAsText("name")).contains("alice-only")
                .doesNotContain("bob-only");
        assertThat(dash.token(bob).get("/api/v1/apps").json().findValuesAsText("name")).contains("bob-only")
                .doesNotContain("alice-only");
        assertThat(dash.token(carol).get("/api/v1/apps").json()).isEmpty();
        assertThat(dash.admin().get("/api/v1/apps").json().findValuesAsText("name")).contains("alice-only", "bob-only");

        DashHarness.Reply theirs = dash.token(alice).get("/api/v1/apps/bob-only");
        DashHarness.Reply none = dash.token(alice).get("/api/v1/apps/bob-onlx");
        assertThat(theirs.status()).isEqualTo(404);
        assertThat(theirs.text()).isEqualTo(none.text().replace("bob-onlx", "bob-only"));
        assertThat(dash.token(alice).send("PATCH", "/api/v1/apps/bob-only", Map.of("instances", 0)).status()).isEqualTo(404);
        assertThat(dash.token(alice).send("DELETE", "/api/v1/apps/bob-only", null).status()).isEqualTo(404);
        assertThat(dash.token(bob).get("/api/v1/apps/bob-only").json().get("instances").asInt()).isEqualTo(1);
        assertThat(dash.admin().get("/api/v1/apps/bob-only").status()).isEqualTo(200);
    }

    @Test
    void joiningATeamOpensItsApps() {
        dash.token(bob).ok("POST", "/api/v1/apps", Map.of("name", "joined", "image", "reg/blog:1"));
        assertThat(dash.token(carol).get("/api/v1/apps/joined").status()).isEqualTo(404);
        dash.token(bob).ok("POST", "/api/v1/teams/blog/members", Map.of("user", "carol"));
        assertThat(dash.token(carol).get("/api/v1/apps/joined").status()).isEqualTo(200);
        assertThat(dash.token(carol).send("PATCH", "/api/v1/apps/joined", Map.of("instances", 2)).status()).isEqualTo(200);
        assertThat(dash.token(carol).send("DELETE", "/api/v1/teams/blog/members/carol", null).status()).isEqualTo(204);
        assertThat(dash.token(carol).get("/api/v1/apps/joined").status()).isEqualTo(404);
    }

    @Test
    void everySignedInUserSeesTheNodes() {
        assertThat(dash.token(carol).get("/api/v1/nodes").json().get(0).get("id").asText()).isEqualTo("n1");
        assertThat(dash.anonymous().get("/api/v1/nodes").status()).isEqualTo(401);
    }
}
