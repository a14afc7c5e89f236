package io.dinp.dash;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dinp.pki.ClusterCa;
import io.dinp.pki.Identity;
import io.dinp.pki.JoinToken;
import io.dinp.pki.Role;
import io.dinp.store.ClusterCaStore;
import io.dinp.store.IssuedCertificateStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** Join tokens and revocation over real HTTP: site admins only, secrets shown once, fields named. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NodeAdminApiTest {
    @TempDir
    static Path data;
    DashHarness dash;
    ClusterCa ca;
    String alice;

    @BeforeAll
    void start() throws Exception {
        dash = DashHarness.start(data);
        alice = dash.user("alice", "alice's password");
    }

    @AfterAll
    void stop() {
        dash.close();
    }

    void withCa() {
        if (ca == null) {
            ca = ClusterCa.create("t", Instant.now());
            new ClusterCaStore(dash.db).claim(ca.certificate());
        }
    }

    @Test
    @Order(1)
    void withoutAClusterCaThereIsNothingToJoin() {
        assertThat(ca).as("runs before any test makes the CA").isNull();
        DashHarness.Reply r = dash.admin().send("POST", "/api/v1/nodes/tokens", Map.of());
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.error()).contains("no cluster CA");
    }

    @Test
    void anAdminsTokenIsShownOnceAndListedWithoutItsSecret() {
        withCa();
        JsonNode made = dash.admin().ok("POST", "/api/v1/nodes/tokens", Map.of("role", "hm", "ttl", "30m"));
        JoinToken token = JoinToken.parse(made.get("token").asText());
        assertThat(token.caFingerprint()).isEqualTo(ca.fingerprint()).isEqualTo(made.get("caFingerprint").asText());
        assertThat(made.get("role").asText()).isEqualTo("hm");
        assertThat(made.get("state").asText()).isEqualTo("unused");
        JsonNode list = dash.admin().ok("GET", "/api/v1/nodes/tokens", null);
        assertThat(list.findValuesAsText("id")).contains(token.id());
        assertThat(list.toString()).doesNotContain(token.secret()).doesNotContain(token.secretHash());
        assertThat(dash.admin().send("DELETE", "/api/v1/nodes/tokens/" + token.id(), null).status()).isEqualTo(204);
        assertThat(dash.admin().send("DELETE", "/api/v1/nodes/tokens/" + token.id(), null).status()).isEqualTo(404);
        assertThat(dash.admin().ok("GET", "/api/v1/audit", null).toString()).contains("node.token-created")
                .contains("node.token-deleted").doesNotContain(token.secret());
    }

    @Test
    void badRolesAndLifetimesAreNamed() {
        withCa();
        DashHarness.Reply r = dash.admin().send("POST", "/api/v1/nodes/tokens", Map.of("role", "server", "ttl", "8d"));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().findValuesAsText("field")).containsExactly("role", "ttl");
        assertThat(dash.admin().send("POST", "/api/v1/nodes/tokens", Map.of("color", "red")).error()).contains("color");
    }

    @Test
    void onlySiteAdminsManageNodesAndLearnNothingElse() {
        withCa();
        for (String[] call : new String[][] {{"POST", "/api/v1/nodes/tokens"}, {"GET", "/api/v1/nodes/tokens"},
                {"DELETE", "/api/v1/nodes/tokens/0123456789abcdef"}, {"POST", "/api/v1/nodes/n1/revoke"}}) {
            DashHarness.Reply r = dash.token(alice).send(call[0], call[1], call[0].equals("GET") ? null : Map.of());
            assertThat(r.status()).as(call[1]).isEqualTo(403);
            assertThat(r.error()).isEqualTo("only site admins manage the cluster's nodes and join tokens");
        }
    }

    @Test
    void revokingCountsTheCertificatesAndAnUnknownNodeIs404() {
        withCa();
        IssuedCertificateStore issued = new IssuedCertificateStore(dash.db);
        issued.record("c0ffee01", new Identity(Role.NODE, "n9"), Instant.now().plusSeconds(3600));
        JsonNode r = dash.admin().ok("POST", "/api/v1/nodes/n9/revoke", null);
        assertThat(r.get("revokedCertificates").asInt()).isEqualTo(1);
        assertThat(dash.admin().ok("POST", "/api/v1/nodes/n9/revoke", null).get("revokedCertificates").asInt()).isZero();
        assertThat(issued.revoked(Instant.now())).containsOnlyKeys("c0ffee01");
        assertThat(dash.admin().send("POST", "/api/v1/nodes/ghost/revoke", null).status()).isEqualTo(404);
        assertThat(dash.admin().send("POST", "/api/v1/nodes/a%2Fb/revoke", null).status()).isEqualTo(400);
    }
}
