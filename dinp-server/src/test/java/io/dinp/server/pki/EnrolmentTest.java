package io.dinp.server.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dinp.common.http.HttpControlPlane;
import io.dinp.common.http.JsonClient;
import io.dinp.common.pki.ClusterIdentity;
import io.dinp.common.pki.EnrolRequest;
import io.dinp.common.pki.EnrolmentClient;
import io.dinp.common.pki.EnrolmentRefused;
import io.dinp.model.NodeReport;
import io.dinp.pki.CertificatePolicy;
import io.dinp.pki.ClusterCa;
import io.dinp.pki.Credentials;
import io.dinp.pki.Csr;
import io.dinp.pki.Identity;
import io.dinp.pki.JoinToken;
import io.dinp.pki.KeyPairs;
import io.dinp.pki.PinnedCaTrust;
import io.dinp.pki.Role;
import io.dinp.pki.TlsContexts;
import io.dinp.server.ServerConfig;
import io.dinp.server.ServerNode;
import io.dinp.store.Database;
import io.dinp.store.IssuedCertificateStore;
import io.dinp.store.JoinTokenStore;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Joining a real control API (loopback, H2): who is refused and why, what a certificate then
 * allows, renewal, and revocation taking effect at the next request.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EnrolmentTest {
    static final Duration T = Duration.ofSeconds(10);

    @TempDir
    static Path data;
    Database db;
    ServerPki pki;
    ServerNode server;
    String base;
    JoinTokenStore tokens;

    @BeforeAll
    void start() throws Exception {
        db = Database.open(Database.h2FileUrl(data), "dinp", "");
        ClusterCa ca = ClusterCa.create("test", Instant.now());
        pki = ServerPki.start(ca, db, CertificatePolicy.DEFAULT, Clock.systemUTC());
        server = ServerNode.start(ServerConfig.defaults().withPort(0).withSettle(Duration.ZERO), List::of, table -> { }, pki);
        base = "https://127.0.0.1:" + server.port();
        tokens = new JoinTokenStore(db);
    }

    @AfterAll
    void stop() {
        server.close();
        pki.close();
        db.close();
    }

    JoinToken token(Role role) {
        return tokens.issue(pki.ca().fingerprint(), role, Duration.ofHours(1), "admin").token();
    }

    Credentials join(JoinToken t, Role role, String id) throws Exception {
        return EnrolmentClient.enrol(base, t, new Identity(role, id), List.of());
    }

    /** What the server answers to a raw enrolment, over TLS pinned to the CA. */
    JsonClient.Reply enrolRaw(String token, String role, String id) throws Exception {
        HttpClient pinned = JsonClient.httpClient(TlsContexts.of(null, new PinnedCaTrust(pki.ca().fingerprint())));
        String csr = Csr.create(KeyPairs.ecP256(), new Identity(Role.NODE, "x"));
        return new JsonClient(base, () -> pinned).send("POST", "/internal/v1/pki/enrol", new EnrolRequest(token, role, id, csr, List.of()), T);
    }

    @Test
    void aGoodTokenBuysOneCertificateAndOnlyOne() throws Exception {
        JoinToken t = token(Role.NODE);
        Credentials c = join(t, Role.NODE, "n1");
        assertThat(c.identity()).isEqualTo(new Identity(Role.NODE, "n1"));
        assertThat(c.ca()).isEqualTo(pki.ca().certificate());
        assertThatThrownBy(() -> join(t, Role.NODE, "n2")).isInstanceOf(EnrolmentRefused.class)
                .hasMessageContaining("used already (by n1)").hasMessageNotContaining(t.secret());
    }

    @Test
    void noTokenAForgedOneAnExpiredOneAndAnotherClustersAreRefused() throws Exception {
        JsonClient.Reply none = enrolRaw(null, "node", "n3");
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.body()).contains("none given");

        JoinToken real = token(Role.NODE);
        JoinToken forged = new JoinToken(real.caFingerprint(), real.id(), JoinToken.generate(real.caFingerprint()).secret());
        assertThatThrownBy(() -> join(forged, Role.NODE, "n3")).hasMessageContaining("unknown join token");

        Clock past = Clock.fixed(Instant.now().minus(Duration.ofMinutes(2)), ZoneOffset.UTC);
        JoinToken expired = new JoinTokenStore(db, past).issue(pki.ca().fingerprint(), Role.NODE, Duration.ofMinutes(1), "admin").token();
        assertThatThrownBy(() -> join(expired, Role.NODE, "n3")).hasMessageContaining("expired at");

        JoinToken foreign = JoinToken.generate(ClusterCa.create("other", Instant.now()).fingerprint());
        assertThatThrownBy(() -> join(foreign, Role.NODE, "n3")).isInstanceOf(javax.net.ssl.SSLHandshakeException.class);
        JsonClient.Reply other = enrolRaw(foreign.value(), "node", "n3");
        assertThat(other.status()).isEqualTo(401);
        assertThat(other.body()).contains("another cluster");
    }

    @Test
    void aTokenForAnotherRoleIsRefusedWithoutUsingItUp() throws Exception {
        JoinToken hm = token(Role.HM);
        assertThatThrownBy(() -> join(hm, Role.NODE, "n4")).hasMessageContaining("for a hm, not a node");
        assertThat(join(hm, Role.HM, "h4").identity()).isEqualTo(new Identity(Role.HM, "h4"));
    }

    @Test
    void badFieldsAreNamed() throws Exception {
        JsonClient.Reply r = enrolRaw(token(Role.NODE).value(), "admin", "n5");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains("\"field\":\"role\"");
        r = enrolRaw(token(Role.NODE).value(), "node", "../etc");
        assertThat(r.body()).contains("\"field\":\"id\"");
    }

    @Test
    void aNodeSpeaksOnlyForItselfAndOnlyWithItsCertificate() throws Exception {
        ClusterIdentity n6 = new ClusterIdentity(join(token(Role.NODE), Role.NODE, "n6"), null, Clock.systemUTC());
        HttpControlPlane plane = new HttpControlPlane(base, n6.httpClient(Role.SERVER));
        assertThat(plane.report(new NodeReport("n6", "10.0.0.6", 1024, List.of())).nodeId()).isEqualTo("n6");
        assertThatThrownBy(() -> plane.report(new NodeReport("n7", "10.0.0.7", 1024, List.of()))).hasMessageContaining("403");
        JsonClient asNode = new JsonClient(base, n6.httpClient(Role.SERVER));
        assertThat(asNode.send("GET", "/internal/v1/nodes", null, T).status()).as("dash's route").isEqualTo(403);
        HttpClient anonymous = JsonClient.httpClient(TlsContexts.of(null, new PinnedCaTrust(pki.ca().fingerprint())));
        assertThat(new JsonClient(base, () -> anonymous).send("POST", "/internal/v1/report",
                new NodeReport("n6", "10.0.0.6", 1024, List.of()), T).status()).isEqualTo(401);
    }

    @Test
    void renewalKeepsTheIdentityWithANewKeyAndSerial() throws Exception {
        Credentials first = join(token(Role.DASH), Role.DASH, "d1");
        ClusterIdentity d1 = new ClusterIdentity(first, null, Clock.systemUTC());
        Credentials next = EnrolmentClient.renew(base, d1.httpClient(Role.SERVER), first);
        assertThat(next.identity()).isEqualTo(first.identity());
        assertThat(next.serial()).isNotEqualTo(first.serial());
        assertThat(next.key()).isNotEqualTo(first.key());
    }

    @Test
    void aRevokedNodeIsRefusedAtItsNextRequestAndCountsAsGone() throws Exception {
        ClusterIdentity n8 = new ClusterIdentity(join(token(Role.NODE), Role.NODE, "n8"), null, Clock.systemUTC());
        HttpControlPlane plane = new HttpControlPlane(base, n8.httpClient(Role.SERVER));
        plane.report(new NodeReport("n8", "10.0.0.8", 1024, List.of()));
        assertThat(new IssuedCertificateStore(db).revoke(new Identity(Role.NODE, "n8"), "admin")).isEqualTo(1);
        pki.reloadRevocations(); // what dash's notice does
        // the same client, likely the same connection: refused all the same
        assertThatThrownBy(() -> plane.report(new NodeReport("n8", "10.0.0.8", 1024, List.of())))
                .hasMessageContaining("403").hasMessageContaining("revoked");
        assertThatThrownBy(() -> EnrolmentClient.renew(base, n8.httpClient(Role.SERVER), n8.current()))
                .isInstanceOf(EnrolmentRefused.class);
        assertThat(server.service().nodes()).filteredOn(n -> n.id().equals("n8")).singleElement()
                .satisfies(n -> assertThat(n.status()).isEqualTo("revoked"));

        // a new token lets it back, with a new certificate
        ClusterIdentity again = new ClusterIdentity(join(token(Role.NODE), Role.NODE, "n8"), null, Clock.systemUTC());
        new HttpControlPlane(base, again.httpClient(Role.SERVER)).report(new NodeReport("n8", "10.0.0.8", 1024, List.of()));
        assertThat(server.service().nodes()).filteredOn(n -> n.id().equals("n8")).singleElement()
                .satisfies(n -> assertThat(n.status()).isEqualTo("up"));
    }
}
