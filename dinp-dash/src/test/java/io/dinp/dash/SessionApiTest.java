package io.dinp.dash;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Browser sessions over real HTTP: the cookie, CSRF on every change, sign-out, guessing. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SessionApiTest {
    @TempDir
    static Path data;
    DashHarness dash;

    @BeforeAll
    void start() throws Exception {
        dash = DashHarness.start(data);
        dash.admin().ok("POST", "/api/v1/users", Map.of("name", "alice", "password", "alice's password"));
        dash.admin().ok("POST", "/api/v1/users", Map.of("name", "mallory", "password", "mallory's password"));
        dash.basic("alice", "alice's password").ok("POST", "/api/v1/teams", Map.of("name", "shop"));
    }

    @AfterAll
    void stop() {
        dash.close();
    }

    @Test
    void signingInSetsAStrictHttpOnlyCookieWithAnExpiry() {
        DashHarness.Session s = dash.signIn("alice", "alice's password");
        String cookie = s.reply().headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).startsWith("dinp_session=").contains("; Path=/", "; Max-Age=43200", "; HttpOnly", "; SameSite=Strict")
                .doesNotContain("Secure");
        assertThat(s.reply().json().get("name").asText()).isEqualTo("alice");
        assertThat(s.reply().json().get("expiresAt").asText()).isNotEmpty();
        assertThat(s.cookieOnly(dash).ok("GET", "/api/v1/session", null).get("csrfToken").asText()).isEqualTo(s.csrf());
        assertThat(s.cookieOnly(dash).ok("GET", "/api/v1/me", null).get("name").asText()).isEqualTo("alice");
    }

    @Test
    void theCookieIsSecureBehindATlsProxy() {
        DashHarness.Session s = dash.signIn("alice", "alice's password", "X-Forwarded-Proto", "https");
        assertThat(s.reply().headers().firstValue("Set-Cookie").orElseThrow()).endsWith("; Secure");
    }

    @Test
    void aChangeWithoutTheCsrfTokenIsRefused() {
        DashHarness.Session s = dash.signIn("alice", "alice's password");
        Map<String, Object> app = Map.of("name", "csrf-app", "image", "reg/web:1");

        DashHarness.Reply forged = s.cookieOnly(dash).send("POST", "/api/v1/apps", app);
        assertThat(forged.status()).isEqualTo(403);
        assertThat(forged.error()).startsWith("missing or wrong CSRF token");
        DashHarness.Reply wrong = s.cookieOnly(dash).with("X-CSRF-Token", dash.signIn("alice", "alice's password").csrf())
                .send("POST", "/api/v1/apps", app);
        assertThat(wrong.status()).as("another session's token").isEqualTo(403);
        assertThat(s.cookieOnly(dash).send("DELETE", "/api/v1/session", null).status()).isEqualTo(403);
        assertThat(s.cookieOnly(dash).get("/api/v1/apps/csrf-app").status()).as("nothing was created").isEqualTo(404);

        assertThat(s.client(dash).send("POST", "/api/v1/apps", app).status()).isEqualTo(201);
        assertThat(s.cookieOnly(dash).get("/api/v1/apps/csrf-app").status()).isEqualTo(200);
    }

    @Test
    void aPlainFormCarriesTheTokenInAField() {
        DashHarness.Session s = dash.signIn("alice", "alice's password");
        DashHarness.Reply withField = s.cookieOnly(dash).raw("POST", "/api/v1/tokens", "_csrf=" + s.csrf(),
                "application/x-www-form-urlencoded");
        // past the CSRF check; the API itself takes JSON
        assertThat(withField.status()).isEqualTo(400);
        assertThat(withField.error()).contains("not valid JSON");
        DashHarness.Reply without = s.cookieOnly(dash).raw("POST", "/api/v1/tokens", "_csrf=nope",
                "application/x-www-form-urlencoded");
        assertThat(without.status()).isEqualTo(403);
    }

    @Test
    void signingOutEndsTheSession() {
        DashHarness.Session s = dash.signIn("alice", "alice's password");
        DashHarness.Reply out = s.client(dash).send("DELETE", "/api/v1/session", null);
        assertThat(out.status()).isEqualTo(204);
        assertThat(out.headers().firstValue("Set-Cookie").orElseThrow()).startsWith("dinp_session=;").contains("Max-Age=0");
        DashHarness.Reply after = s.cookieOnly(dash).get("/api/v1/me");
        assertThat(after.status()).isEqualTo(401);
        assertThat(after.error()).isEqualTo("the session has ended or expired: sign in again");
        assertThat(dash.anonymous().with("Cookie", "dinp_session=made-up").get("/api/v1/me").status()).isEqualTo(401);
    }

    @Test
    void wrongPasswordsAreRefusedThenSlowedDown() {
        DashHarness.Reply first = dash.anonymous().send("POST", "/api/v1/session", Map.of("name", "mallory", "password", "guess 0 guess"));
        assertThat(first.status()).isEqualTo(401);
        assertThat(first.error()).isEqualTo("wrong user name or password");
        assertThat(first.headers().firstValue("Set-Cookie")).isEmpty();
        for (int i = 1; i < 5; i++) {
            dash.anonymous().send("POST", "/api/v1/session", Map.of("name", "mallory", "password", "guess " + i + " guess"));
        }
        DashHarness.Reply locked = dash.anonymous().send("POST", "/api/v1/session",
                Map.of("name", "mallory", "password", "mallory's password"));
        assertThat(locked.status()).as("even the right password waits").isEqualTo(429);
        assertThat(locked.headers().firstValue("Retry-After")).isPresent();
        assertThat(dash.basic("mallory", "mallory's password").get("/api/v1/me").status()).isEqualTo(429);
        assertThat(dash.signIn("alice", "alice's password").reply().status()).as("other users are not affected").isEqualTo(201);
    }

    @Test
    void signInInputIsChecked() {
        DashHarness.Reply missing = dash.anonymous().send("POST", "/api/v1/session", Map.of("name", "alice"));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.error()).isEqualTo("invalid password: is required");
        assertThat(dash.anonymous().send("POST", "/api/v1/session", Map.of("name", "alice", "password", "x", "remember", true))
                .status()).isEqualTo(400);
    }
}
