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

/** API tokens over real HTTP: created with a password, shown once, acting as their user, revoked. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TokenApiTest {
    @TempDir
    static Path data;
    DashHarness dash;

    @BeforeAll
    void start() throws Exception {
        dash = DashHarness.start(data);
        dash.admin().ok("POST", "/api/v1/users", Map.of("name", "alice", "password", "alice's password"));
        dash.admin().ok("POST", "/api/v1/users", Map.of("name", "bob", "password", "bob's password!"));
    }

    @AfterAll
    void stop() {
        dash.close();
    }

    @Test
    void aTokenMadeWithBasicActsAsItsUserUntilRevoked() {
        JsonNode issued = dash.basic("alice", "alice's password").ok("POST", "/api/v1/tokens", Map.of("name", "laptop"));
        String id = issued.get("id").asText();
        String token = issued.get("token").asText();
        assertThat(token).startsWith("dinp_");
        assertThat(issued.get("user").asText()).isEqualTo("alice");

        assertThat(dash.token(token).ok("GET", "/api/v1/me", null).get("name").asText()).isEqualTo("alice");
        JsonNode listed = dash.token(token).ok("GET", "/api/v1/tokens", null);
        assertThat(listed.findValuesAsText("id")).contains(id);
        assertThat(listed.toString()).doesNotContain(token).doesNotContain(token.substring(5, 20));

        assertThat(dash.token(token).send("DELETE", "/api/v1/tokens/" + id, null).status()).isEqualTo(204);
        DashHarness.Reply after = dash.token(token).get("/api/v1/me");
        assertThat(after.status()).isEqualTo(401);
        assertThat(after.error()).isEqualTo("invalid or revoked token");
    }

    @Test
    void aTokenCanMakeAnotherAndSessionsCanToo() {
        String first = dash.basic("alice", "alice's password").ok("POST", "/api/v1/tokens", Map.of("name", "one")).get("token").asText();
        String second = dash.token(first).ok("POST", "/api/v1/tokens", Map.of("name", "two")).get("token").asText();
        assertThat(dash.token(second).ok("GET", "/api/v1/me", null).get("name").asText()).isEqualTo("alice");
        DashHarness.Session s = dash.signIn("alice", "alice's password");
        assertThat(s.client(dash).send("POST", "/api/v1/tokens", Map.of("name", "three")).status()).isEqualTo(201);
    }

    @Test
    void anotherUsersTokenAnswersLikeAMissingOne() {
        String alice = dash.basic("alice", "alice's password").ok("POST", "/api/v1/tokens", Map.of("name", "a")).get("token").asText();
        JsonNode bobs = dash.basic("bob", "bob's password!").ok("POST", "/api/v1/tokens", Map.of("name", "b"));
        String bobId = bobs.get("id").asText();

        DashHarness.Reply other = dash.token(alice).send("DELETE", "/api/v1/tokens/" + bobId, null);
        DashHarness.Reply missing = dash.token(alice).send("DELETE", "/api/v1/tokens/0000000000000000", null);
        assertThat(other.status()).isEqualTo(404);
        assertThat(other.text()).isEqualTo(missing.text().replace("0000000000000000", bobId));
        assertThat(dash.token(alice).get("/api/v1/tokens").text()).doesNotContain(bobId);
        assertThat(dash.token(bobs.get("token").asText()).get("/api/v1/me").status()).isEqualTo(200);

        // a site admin may revoke anyone's (a leaked token, someone who left)
        assertThat(dash.admin().send("DELETE", "/api/v1/tokens/" + bobId, null).status()).isEqualTo(204);
        assertThat(dash.token(bobs.get("token").asText()).get("/api/v1/me").status()).isEqualTo(401);
    }

    @Test
    void badCredentialsAndNamesAreRefused() {
        assertThat(dash.basic("alice", "not her password").send("POST", "/api/v1/tokens", Map.of("name", "x")).status())
                .isEqualTo(401);
        DashHarness.Reply unknownUser = dash.basic("nobody", "whatever at all").send("POST", "/api/v1/tokens", Map.of("name", "x"));
        DashHarness.Reply wrongPassword = dash.basic("bob", "whatever at all").send("POST", "/api/v1/tokens", Map.of("name", "x"));
        assertThat(unknownUser.status()).isEqualTo(401);
        assertThat(unknownUser.text()).isEqualTo(wrongPassword.text());
        assertThat(dash.anonymous().get("/api/v1/tokens").status()).isEqualTo(401);
        assertThat(dash.anonymous().with("Authorization", "Basic !!!").get("/api/v1/me").status()).isEqualTo(401);
        DashHarness.Reply noName = dash.basic("alice", "alice's password").send("POST", "/api/v1/tokens", Map.of("name", ""));
        assertThat(noName.json().get("fields").get(0).get("field").asText()).isEqualTo("name");
        // never a Basic challenge: browsers would cache the password and send it cross-site
        assertThat(dash.anonymous().get("/api/v1/me").headers().firstValue("WWW-Authenticate")).contains("Bearer");
    }
}
