package io.dinp.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.dinp.common.pki.EnrolmentClient;
import io.dinp.common.pki.EnrolmentRefused;
import io.dinp.pki.CredentialFiles;
import io.dinp.pki.Credentials;
import io.dinp.pki.Identity;
import io.dinp.pki.JoinToken;
import io.dinp.pki.Role;
import io.dinp.testkit.TestImages;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The cluster-security acceptance, end to end with separate processes: who may join and who is
 * refused, no plaintext on the wire, certificates rotating without a restart (they live 30 s
 * here), and a revoked node refused at its next request while its instances move to the other.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterSecurityIT {
    static final Duration PATIENCE = Duration.ofSeconds(90);
    static Cluster cluster;
    static Api api;

    @BeforeAll
    static void start() throws Exception {
        TestImages.ensureHello(TestImages.V1);
        cluster = new Cluster().withServerArgs("--cert-lifetime", "30s").start();
        api = cluster.api;
    }

    @AfterAll
    static void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    static JsonNode node(String id) {
        return StreamSupport.stream(api.ok("GET", "/api/v1/nodes", null).spliterator(), false)
                .filter(n -> n.get("id").asText().equals(id)).findFirst().orElseThrow();
    }

    static Credentials stored(Role role, String id) throws Exception {
        return CredentialFiles.in(cluster.dataDir, new Identity(role, id)).load().orElseThrow();
    }

    @Test
    @Order(1)
    void anAgentWithoutATokenIsRefusedAndSaysWhatToDo() throws Exception {
        Path empty = Files.createTempDirectory("dinp-e2e-notoken-");
        DinpProcess lone = new DinpProcess("agent-notoken-" + cluster.run, Map.of(), "agent", "--server", cluster.serverUrl(),
                "--node-id", "notoken-" + cluster.run, "--data-dir", empty.toString(), "--log-port", "0");
        lone.start();
        await().atMost(PATIENCE).until(() -> !lone.alive());
        assertThat(lone.logTail()).contains("cannot join: no certificate in").contains("dinp nodes token create --role node");
        assertThat(node(cluster.node1).get("status").asText()).isEqualTo("up");
    }

    @Test
    @Order(2)
    void forgedUsedExpiredAndForeignTokensAreRefused() throws Exception {
        Identity stranger = new Identity(Role.NODE, "stranger-" + cluster.run);
        JoinToken used = JoinToken.parse(cluster.joinTokens.get("agent-" + cluster.node1));
        assertThatThrownBy(() -> EnrolmentClient.enrol(cluster.serverUrl(), used, stranger, List.of()))
                .isInstanceOf(EnrolmentRefused.class).hasMessageContaining("used already (by " + cluster.node1 + ")")
                .hasMessageNotContaining(used.secret());

        JoinToken fresh = JoinToken.parse(api.ok("POST", "/api/v1/nodes/tokens", Map.of("role", "node")).get("token").asText());
        JoinToken forged = new JoinToken(fresh.caFingerprint(), fresh.id(), JoinToken.generate(fresh.caFingerprint()).secret());
        assertThatThrownBy(() -> EnrolmentClient.enrol(cluster.serverUrl(), forged, stranger, List.of()))
                .isInstanceOf(EnrolmentRefused.class).hasMessageContaining("unknown join token");

        try (var c = DriverManager.getConnection(Cluster.mariaUrl(cluster.database), Cluster.mariaUser(), Cluster.mariaPassword());
             var st = c.prepareStatement("UPDATE join_tokens SET expires_at = ? WHERE id = ?")) {
            st.setObject(1, java.time.LocalDateTime.now(java.time.ZoneOffset.UTC).minusMinutes(1));
            st.setString(2, fresh.id());
            assertThat(st.executeUpdate()).isEqualTo(1);
        }
        assertThatThrownBy(() -> EnrolmentClient.enrol(cluster.serverUrl(), fresh, stranger, List.of()))
                .isInstanceOf(EnrolmentRefused.class).hasMessageContaining("expired at");

        JoinToken otherCluster = JoinToken.generate("00".repeat(32));
        assertThatThrownBy(() -> EnrolmentClient.enrol(cluster.serverUrl(), otherCluster, stranger, List.of()))
                .as("a server without the token's CA is not trusted with the token").isInstanceOf(javax.net.ssl.SSLHandshakeException.class);
        JsonNode tokens = api.ok("GET", "/api/v1/nodes/tokens", null);
        assertThat(tokens.toString()).doesNotContain(fresh.secret()).doesNotContain(used.secret()).contains("\"state\":\"used\"");
    }

    /** Sends a plain HTTP request to the port; the answer must not be plain HTTP. */
    static String plainProbe(int port) throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            out.write("GET /healthz HTTP/1.1\r\nHost: probe\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            return new String(in.readNBytes(64), StandardCharsets.ISO_8859_1);
        } catch (java.net.SocketException | java.net.SocketTimeoutException e) {
            return ""; // dropped: nothing in the clear either
        }
    }

    @Test
    @Order(3)
    void plainTcpGetsNoPlainHttpFromTheControlApiOrThePublicApi() throws Exception {
        assertThat(plainProbe(cluster.serverPort)).doesNotContain("HTTP/1.");
        assertThat(plainProbe(cluster.apiPort)).as("dash listens on 0.0.0.0: HTTPS only").doesNotContain("HTTP/1.");
        String logUrl = node(cluster.node1).get("logUrl").asText();
        assertThat(plainProbe(Integer.parseInt(logUrl.substring(logUrl.lastIndexOf(':') + 1)))).doesNotContain("HTTP/1.");
        var r = api.http().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(api.base() + "/healthz")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(r.headers().firstValue("Strict-Transport-Security")).contains("max-age=31536000");
    }

    @Test
    @Order(4)
    void aCaptureBetweenAnAgentAndTheServerHoldsNoPlaintext() throws Exception {
        String node3 = "e2e-" + cluster.run + "-n3";
        try (CapturingRelay relay = new CapturingRelay(cluster.serverPort)) {
            DinpProcess agent = cluster.agent(node3, "https://127.0.0.1:" + relay.port());
            cluster.processes.add(agent.start());
            await().atMost(PATIENCE).until(() -> StreamSupport.stream(api.ok("GET", "/api/v1/nodes", null).spliterator(), false)
                    .anyMatch(n -> n.get("id").asText().equals(node3) && n.get("status").asText().equals("up")));
            agent.stop();
            byte[] wire = relay.captured();
            String text = new String(wire, StandardCharsets.ISO_8859_1);
            JoinToken token = JoinToken.parse(cluster.joinTokens.get("agent-" + node3));
            assertThat(wire.length).as("the agent joined and reported through the relay").isGreaterThan(2000);
            assertThat(wire[0]).as("a TLS handshake record").isEqualTo((byte) 0x16);
            assertThat(text).doesNotContain(token.secret()).doesNotContain(token.id()).doesNotContain("dinpjoin")
                    .doesNotContain("nodeId").doesNotContain("memoryMb").doesNotContain("/internal/v1").doesNotContain("HTTP/1.1")
                    .doesNotContain("PRIVATE KEY").doesNotContain(node3);
        }
    }

    @Test
    @Order(5)
    void certificatesRenewWithoutARestartAndTheNodesStayUp() throws Exception {
        Credentials first = stored(Role.NODE, cluster.node1);
        Credentials dashFirst = stored(Role.DASH, cluster.dashId);
        assertThat(Duration.between(first.notBefore(), first.notAfter())).isLessThan(Duration.ofMinutes(1));
        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(stored(Role.NODE, cluster.node1).serial()).isNotEqualTo(first.serial());
            assertThat(stored(Role.DASH, cluster.dashId).serial()).isNotEqualTo(dashFirst.serial());
        });
        // past the first certificates' end: the components live on with renewed ones, never restarted
        await().atMost(PATIENCE).until(() -> Instant.now().isAfter(first.notAfter().plusSeconds(3)));
        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonNode n1 = node(cluster.node1);
            assertThat(n1.get("status").asText()).isEqualTo("up");
            assertThat(Instant.parse(n1.get("lastSeen").asText())).isAfter(first.notAfter());
            assertThat(node(cluster.node2).get("status").asText()).isEqualTo("up");
        });
        assertThat(cluster.agents.values()).allMatch(DinpProcess::alive);
        assertThat(cluster.agents.get(cluster.node1).logTail()).contains("renewed the certificate of node " + cluster.node1);
    }

    @Test
    @Order(6)
    void aRevokedNodeIsRefusedAtItsNextRequestAndItsInstancesMove() throws Exception {
        // both nodes up before placing, so the two instances spread over them (on a loaded machine
        // a node can miss its deadline for a moment, and then both would land on the other)
        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(node(cluster.node1).get("status").asText()).isEqualTo("up");
            assertThat(node(cluster.node2).get("status").asText()).isEqualTo("up");
        });
        api.ok("POST", "/api/v1/apps", Map.of("name", "moving", "image", TestImages.HELLO_V1, "instances", 2, "memory", 64));
        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonNode list = api.instances("moving");
            assertThat(list).hasSize(2).allMatch(i -> i.get("state").asText().equals("running"));
            assertThat(StreamSupport.stream(list.spliterator(), false).map(i -> i.get("node").asText()).distinct()).hasSize(2);
        });
        JsonNode revoked = api.ok("POST", "/api/v1/nodes/" + cluster.node2 + "/revoke", null);
        assertThat(revoked.get("revokedCertificates").asInt()).isPositive();
        assertThat(node(cluster.node2).get("status").asText()).as("at once, not after the node timeout").isEqualTo("revoked");
        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonNode list = api.instances("moving");
            assertThat(list).hasSize(2).allMatch(i -> i.get("node").asText().equals(cluster.node1)
                    && i.get("state").asText().equals("running"));
            assertThat(cluster.agents.get(cluster.node2).logTail()).contains("403").contains("was revoked");
        });
        assertThat(api.send("POST", "/api/v1/nodes/nosuch-node/revoke", null).status()).isEqualTo(404);
        JsonNode audit = api.ok("GET", "/api/v1/audit", null);
        assertThat(audit.toString()).contains("node.revoked").contains("node.token-created");
        api.ok("DELETE", "/api/v1/apps/moving", null);
    }
}
