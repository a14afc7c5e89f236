package io.dinp.dash;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Users, teams and memberships over real HTTP, as the admin and as ordinary users. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccountsApiTest {
    @TempDir
    static Path data;
    DashHarness dash;

    @BeforeAll
    void start() throws Exception {
        dash = DashHarness.start(data);
    }

    @AfterAll
    void stop() {
        dash.close();
    }

    @Test
    void theFirstStartCreatesTheAdminWithSecretsOnlyTheOwnerReads() throws Exception {
        for (String file : new String[] {"admin-password", "admin-token"}) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve(file)))).as(file)
                    .isEqualTo("rw-------");
        }
        assertThat(dash.adminPassword).hasSizeGreaterThanOrEqualTo(20);
        JsonNode me = dash.basic("admin", dash.adminPassword).ok("GET", "/api/v1/me", null);
        assertThat(me.toString()).isEqualTo("{\"name\":\"admin\",\"admin\":true,\"teams\":[{\"name\":\"default\",\"role\":\"owner\"}]}");
        assertThat(dash.admin().ok("GET", "/api/v1/me", null)).isEqualTo(me);
    }

    @Test
    void aRestartKeepsTheAdminAndItsSecrets() throws Exception {
        String password = Files.readString(data.resolve("admin-password"));
        dash.close();
        dash = DashHarness.start(data);
        assertThat(Files.readString(data.resolve("admin-password"))).isEqualTo(password);
        assertThat(dash.admin().get("/api/v1/users").json().findValuesAsText("name")).contains("admin");
    }

    @Test
    void onlySiteAdminsCreateAndListUsers() {
        JsonNode created = dash.admin().ok("POST", "/api/v1/users", Map.of("name", "ann", "password", "ann's password"));
        assertThat(created.get("name").asText()).isEqualTo("ann");
        assertThat(created.get("admin").asBoolean()).isFalse();
        assertThat(created.has("password")).isFalse();
        String ann = dash.basic("ann", "ann's password").ok("POST", "/api/v1/tokens", Map.of("name", "t")).get("token").asText();

        DashHarness.Reply refused = dash.token(ann).send("POST", "/api/v1/users", Map.of("name", "eve", "password", "eve's password"));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.error()).isEqualTo("only site admins create users");
        assertThat(dash.token(ann).get("/api/v1/users").status()).isEqualTo(403);
        assertThat(dash.admin().get("/api/v1/users").json().findValuesAsText("name")).contains("admin", "ann");
        assertThat(dash.admin().send("POST", "/api/v1/users", Map.of("name", "ann", "password", "another password")).status())
                .isEqualTo(409);
    }

    @Test
    void badUserInputNamesTheField() {
        DashHarness.Reply shortPassword = dash.admin().send("POST", "/api/v1/users", Map.of("name", "bo", "password", "short"));
        assertThat(shortPassword.status()).isEqualTo(400);
        assertThat(shortPassword.json().get("fields").get(0).get("field").asText()).isEqualTo("password");
        assertThat(shortPassword.error()).isEqualTo("invalid password: must be at least 10 characters, was 5");
        DashHarness.Reply badName = dash.admin().send("POST", "/api/v1/users", Map.of("name", "Bo Bo", "password", "long enough!"));
        assertThat(badName.json().get("fields").get(0).get("field").asText()).isEqualTo("name");
        DashHarness.Reply unknown = dash.admin().send("POST", "/api/v1/users", Map.of("name", "bo", "password", "long enough!",
                "role", "admin"));
        assertThat(unknown.json().get("fields").get(0).get("field").asText()).isEqualTo("role");
        DashHarness.Reply wrongType = dash.admin().send("POST", "/api/v1/users", Map.of("name", "bo", "password", "long enough!",
                "admin", "yes"));
        assertThat(wrongType.error()).isEqualTo("invalid admin: must be true or false");
    }

    @Test
    void aTeamIsOwnedByItsCreatorWhoManagesItsMembers() {
        String tom = dash.user("tom", "tom's password");
        String una = dash.user("una", "una's password");
        String vic = dash.user("vic", "vic's password");

        JsonNode team = dash.token(tom).ok("POST", "/api/v1/teams", Map.of("name", "shop"));
        assertThat(team.toString()).contains("{\"user\":\"tom\",\"role\":\"owner\"");
        DashHarness.Reply added = dash.token(tom).send("POST", "/api/v1/teams/shop/members", Map.of("user", "una"));
        assertThat(added.status()).isEqualTo(201);
        assertThat(added.json().get("members").findValuesAsText("user")).containsExactly("tom", "una");
        assertThat(dash.token(una).ok("GET", "/api/v1/me", null).get("teams").toString())
                .isEqualTo("[{\"name\":\"shop\",\"role\":\"member\"}]");

        // a member may look but not manage
        assertThat(dash.token(una).get("/api/v1/teams/shop").status()).isEqualTo(200);
        DashHarness.Reply byMember = dash.token(una).send("POST", "/api/v1/teams/shop/members", Map.of("user", "vic"));
        assertThat(byMember.status()).isEqualTo(403);
        assertThat(dash.token(una).send("DELETE", "/api/v1/teams/shop/members/tom", null).status()).isEqualTo(403);

        // an outsider cannot tell the team from one that does not exist
        DashHarness.Reply outsider = dash.token(vic).get("/api/v1/teams/shop");
        DashHarness.Reply missing = dash.token(vic).get("/api/v1/teams/shoq");
        assertThat(outsider.status()).isEqualTo(404);
        assertThat(outsider.text()).isEqualTo(missing.text().replace("shoq", "shop"));
        assertThat(dash.token(vic).send("POST", "/api/v1/teams/shop/members", Map.of("user", "vic")).status()).isEqualTo(404);

        // roles change, the last owner stays, members leave
        assertThat(dash.token(tom).send("POST", "/api/v1/teams/shop/members", Map.of("user", "una", "role", "owner")).status())
                .isEqualTo(200);
        assertThat(dash.token(una).send("DELETE", "/api/v1/teams/shop/members/tom", null).status()).isEqualTo(204);
        DashHarness.Reply last = dash.token(una).send("DELETE", "/api/v1/teams/shop/members/una", null);
        assertThat(last.status()).isEqualTo(409);
        assertThat(last.error()).contains("last owner");
        assertThat(dash.token(una).get("/api/v1/teams").json().toString()).isEqualTo("[{\"name\":\"shop\",\"role\":\"owner\"}]");
    }

    @Test
    void badTeamInputNamesTheField() {
        String wes = dash.user("wes", "wes's password");
        dash.token(wes).ok("POST", "/api/v1/teams", Map.of("name", "wes-team"));
        assertThat(dash.token(wes).send("POST", "/api/v1/teams", Map.of("name", "Bad Name")).json().get("fields").get(0)
                .get("field").asText()).isEqualTo("name");
        assertThat(dash.token(wes).send("POST", "/api/v1/teams", Map.of("name", "wes-team")).status()).isEqualTo(409);
        DashHarness.Reply noUser = dash.token(wes).send("POST", "/api/v1/teams/wes-team/members", Map.of("user", "nobody"));
        assertThat(noUser.status()).isEqualTo(400);
        assertThat(noUser.error()).isEqualTo("invalid user: no user named nobody");
        DashHarness.Reply badRole = dash.token(wes).send("POST", "/api/v1/teams/wes-team/members", Map.of("user", "wes",
                "role", "boss"));
        assertThat(badRole.error()).isEqualTo("invalid role: must be owner or member");
        assertThat(dash.token(wes).send("DELETE", "/api/v1/teams/wes-team/members/admin", null).status()).isEqualTo(404);
    }

    @Test
    void usersChangeTheirOwnPasswordWithTheCurrentOne() {
        String xia = dash.user("xia", "xia's first password");
        dash.user("yan", "yan's first password");

        DashHarness.Reply noCurrent = dash.token(xia).send("PUT", "/api/v1/users/xia/password", Map.of("password", "xia's second one"));
        assertThat(noCurrent.error()).isEqualTo("invalid currentPassword: is required to change your own password");
        DashHarness.Reply wrong = dash.token(xia).send("PUT", "/api/v1/users/xia/password",
                Map.of("password", "xia's second one", "currentPassword", "not it at all"));
        assertThat(wrong.status()).isEqualTo(403);
        DashHarness.Session session = dash.signIn("xia", "xia's first password");
        assertThat(dash.token(xia).send("PUT", "/api/v1/users/xia/password",
                Map.of("password", "xia's second one", "currentPassword", "xia's first password")).status()).isEqualTo(204);

        assertThat(dash.basic("xia", "xia's first password").get("/api/v1/me").status()).isEqualTo(401);
        assertThat(dash.basic("xia", "xia's second one").get("/api/v1/me").status()).isEqualTo(200);
        assertThat(session.client(dash).get("/api/v1/me").status()).as("sessions end with the old password").isEqualTo(401);
        assertThat(dash.token(xia).get("/api/v1/me").status()).as("tokens stay").isEqualTo(200);

        // not someone else's, whether they exist or not; an admin may
        DashHarness.Reply other = dash.token(xia).send("PUT", "/api/v1/users/yan/password", Map.of("password", "taken over!!"));
        DashHarness.Reply ghost = dash.token(xia).send("PUT", "/api/v1/users/ghost/password", Map.of("password", "taken over!!"));
        assertThat(other.status()).isEqualTo(403);
        assertThat(other.text()).isEqualTo(ghost.text());
        assertThat(dash.admin().send("PUT", "/api/v1/users/yan/password", Map.of("password", "reset by admin")).status())
                .isEqualTo(204);
        assertThat(dash.basic("yan", "reset by admin").get("/api/v1/me").status()).isEqualTo(200);
        assertThat(dash.admin().send("PUT", "/api/v1/users/ghost/password", Map.of("password", "reset by admin")).status())
                .isEqualTo(404);
    }
}
