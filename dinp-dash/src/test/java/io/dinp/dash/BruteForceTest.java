package io.dinp.dash;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Guessing over real HTTP: wrong passwords are slowed down (429) per name and per address, each
 * failure is in the audit log with who was tried and from where (never the password), and
 * tokens cannot be minted without end. Each test has a dash of its own (the address throttle
 * would otherwise carry over), whose throttles run on a clock that stands still: no lock ends
 * while a test looks at it, however slow the machine.
 */
class BruteForceTest {
    @TempDir
    Path data;
    DashHarness dash;
    /** The token {@link DashHarness#user} made: alice's first. */
    String aliceToken;

    @BeforeEach
    void start() throws Exception {
        dash = DashHarness.start(data, new DashConfig("127.0.0.1", 0, "apps.test", 80)
                .withClock(java.time.Clock.fixed(java.time.Instant.parse("2030-01-01T00:00:00Z"), java.time.ZoneOffset.UTC)));
        aliceToken = dash.user("alice", "alice's password");
    }

    @AfterEach
    void stop() {
        dash.close();
    }

    DashHarness.Reply signIn(String name, String password) {
        return dash.anonymous().send("POST", "/api/v1/session", Map.of("name", name, "password", password));
    }

    List<JsonNode> audit(String kindPrefix) {
        List<JsonNode> out = new ArrayList<>();
        dash.admin().ok("GET", "/api/v1/audit?limit=1000", null).get("entries")
                .forEach(e -> { if (e.get("kind").asText().startsWith(kindPrefix)) { out.add(e); } });
        return out;
    }

    @Test
    void wrongPasswordsAreSlowedDownAndEachIsAuditedWithoutThePassword() {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            statuses.add(signIn("alice", "guess-number-" + i).status());
        }
        assertThat(statuses).containsExactly(401, 401, 401, 401, 401, 429);
        DashHarness.Reply right = signIn("alice", "alice's password");
        assertThat(right.status()).as("even the right password waits").isEqualTo(429);
        assertThat(right.headers().firstValue("Retry-After")).isPresent();

        List<JsonNode> entries = audit("login.");
        assertThat(entries).hasSize(5);
        assertThat(entries).extracting(e -> e.get("kind").asText())
                .containsExactly("login.locked", "login.failed", "login.failed", "login.failed", "login.failed");
        for (JsonNode e : entries) {
            assertThat(e.get("actor").asText()).isEqualTo("alice");
            assertThat(e.get("address").asText()).isEqualTo("127.0.0.1");
            assertThat(e.get("message").asText()).contains("wrong password for alice", "POST /api/v1/session");
        }
        assertThat(entries.getFirst().get("message").asText()).contains("5 in a row", "locked for 1 s");
        assertThat(entries.toString()).doesNotContain("guess-number", "alice's password");

        // alice sees who tried her account among her own entries
        JsonNode hers = dash.token(aliceToken).ok("GET", "/api/v1/audit", null).get("entries");
        assertThat(hers.findValuesAsText("kind")).contains("login.locked", "login.failed");
    }

    @Test
    void aNameThatIsNoUserIsNotWrittenDown() {
        DashHarness.Reply r = signIn("typed-my-password-here", "whatever-else");
        assertThat(r.status()).isEqualTo(401);
        JsonNode e = audit("login.").getFirst();
        assertThat(e.get("actor").asText()).isEqualTo("-");
        assertThat(e.get("message").asText()).contains("a name that is no user");
        assertThat(e.toString()).doesNotContain("typed-my-password-here", "whatever-else");
    }

    @Test
    void oneAddressTryingManyNamesIsLockedForEveryName() {
        for (int i = 0; i < 19; i++) {
            assertThat(signIn("user" + i, "password-" + i).status()).isEqualTo(401);
        }
        DashHarness.Reply twentieth = signIn("user19", "password-19");
        assertThat(twentieth.status()).isEqualTo(401);
        DashHarness.Reply next = signIn("alice", "alice's password");
        assertThat(next.status()).as("the address is locked, whatever the name").isEqualTo(429);
        assertThat(next.error()).contains("from your address");
        assertThat(dash.basic("alice", "alice's password").get("/api/v1/me").status()).isEqualTo(429);
        assertThat(audit("login.locked").getFirst().get("message").asText())
                .contains("every sign-in from this address is locked for 1 s");
        // tokens are no passwords: they keep working
        assertThat(dash.admin().get("/api/v1/me").status()).isEqualTo(200);
    }

    @Test
    void behindATrustedLoadBalancerEachClientIsThrottledAndAuditedByItsOwnAddress() throws Exception {
        dash.close();
        dash = DashHarness.start(data.resolve("behind-lb"), new DashConfig("127.0.0.1", 0, "apps.test", 80)
                .withClock(java.time.Clock.fixed(java.time.Instant.parse("2030-01-01T00:00:00Z"), java.time.ZoneOffset.UTC))
                .withTrustedProxies(io.dinp.model.access.TrustedProxies.parse("--trusted-proxy", "127.0.0.1")));
        dash.user("alice", "alice's password");
        // one client behind the balancer tries 20 names: its address is locked...
        for (int i = 0; i < 20; i++) {
            assertThat(dash.anonymous().with("X-Forwarded-For", "203.0.113.9").send("POST", "/api/v1/session",
                    Map.of("name", "user" + i, "password", "password-" + i)).status()).isEqualTo(401);
        }
        assertThat(dash.anonymous().with("X-Forwarded-For", "203.0.113.9").send("POST", "/api/v1/session",
                Map.of("name", "alice", "password", "alice's password")).status()).isEqualTo(429);
        // ...not the balancer's, which every other client shares
        assertThat(dash.anonymous().with("X-Forwarded-For", "198.51.100.7").send("POST", "/api/v1/session",
                Map.of("name", "alice", "password", "alice's password")).status()).isEqualTo(201);
        assertThat(audit("login.")).extracting(e -> e.get("address").asText()).containsOnly("203.0.113.9");
    }

    @Test
    void tokensAreMadeTwentyAtOnceThenSlowly() {
        String token = aliceToken;
        for (int i = 1; i < 20; i++) {
            dash.token(token).ok("POST", "/api/v1/tokens", Map.of("name", "t" + i));
        }
        DashHarness.Reply refused = dash.token(token).send("POST", "/api/v1/tokens", Map.of("name", "one-too-many"));
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).hasValueSatisfying(s -> assertThat(Integer.parseInt(s)).isBetween(1, 30));
        assertThat(dash.token(token).ok("GET", "/api/v1/tokens", null)).hasSize(20);
        // another user's limit is their own
        dash.admin().ok("POST", "/api/v1/tokens", Map.of("name", "admin's"));
    }
}
