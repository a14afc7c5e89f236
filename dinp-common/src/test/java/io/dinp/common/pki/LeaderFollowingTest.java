package io.dinp.common.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dinp.common.http.ApiException;
import io.dinp.common.http.HttpApi;
import io.dinp.common.http.JsonClient;
import io.dinp.model.access.Caller;
import io.dinp.pki.Role;
import io.dinp.pki.TlsContexts;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A client given several servers follows the one that leads: past standbys' 503s and dead servers. */
class LeaderFollowingTest {
    static final Duration T = Duration.ofSeconds(10);
    final TestPki pki = new TestPki();
    final ClusterIdentity serverId = pki.identity(Role.SERVER, "s");
    final ClusterIdentity node = pki.identity(Role.NODE, "n1");
    final java.util.List<HttpApi> apis = new java.util.ArrayList<>();

    @AfterEach
    void stop() {
        apis.forEach(HttpApi::close);
    }

    /** A server answering /who with its name while {@code leads}, else as a standby does. */
    String server(String name, AtomicBoolean leads) throws Exception {
        HttpApi api = new HttpApi(ex -> {
            if (ex.peerCertificate() == null) {
                throw new ApiException(401, "no client certificate");
            }
            return Caller.cluster();
        });
        api.route("GET", "/who", ex -> {
            if (!leads.get()) {
                ex.header(JsonClient.NOT_LEADER, "unknown");
                ex.json(503, Map.of("error", "not the leading server"));
                return;
            }
            ex.json(200, Map.of("server", name));
        });
        apis.add(api);
        return "https://127.0.0.1:" + api.start("127.0.0.1", 0, serverId.serverContext(Role.NODE), TlsContexts.ClientAuth.WANT);
    }

    @Test
    void standbysAndDeadServersArePassedAndTheLeaderIsRemembered() throws Exception {
        AtomicBoolean aLeads = new AtomicBoolean(false);
        AtomicBoolean bLeads = new AtomicBoolean(true);
        String a = server("a", aLeads);
        String b = server("b", bLeads);
        int closed;
        try (var s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        String dead = "https://127.0.0.1:" + closed;
        JsonClient c = new JsonClient(dead + "," + a + "," + b, node.httpClient(Role.SERVER));

        assertThat(c.call("GET", "/who", null, T).body()).contains("\"b\"");
        assertThat(c.base()).isEqualTo(b);

        bLeads.set(false);
        aLeads.set(true);
        assertThat(c.call("GET", "/who", null, T).body()).contains("\"a\"");
        assertThat(c.base()).isEqualTo(a);
    }

    @Test
    void withNoLeaderTheStandbysAnswerComesBackWhenTimeIsUp() throws Exception {
        String a = server("a", new AtomicBoolean(false));
        String b = server("b", new AtomicBoolean(false));
        JsonClient c = new JsonClient(a + "," + b, node.httpClient(Role.SERVER));
        JsonClient.Reply r = c.send("GET", "/who", null, Duration.ofMillis(500));
        assertThat(r.status()).isEqualTo(503);
        assertThat(r.notLeader()).isTrue();
    }

    @Test
    void aLeaderElectedWhileACallWaitsAnswersIt() throws Exception {
        AtomicBoolean bLeads = new AtomicBoolean(false);
        String a = server("a", new AtomicBoolean(false));
        String b = server("b", bLeads);
        JsonClient c = new JsonClient(a + "," + b, node.httpClient(Role.SERVER));
        Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(300); // the election, while the call keeps trying
            } catch (InterruptedException e) {
                return;
            }
            bLeads.set(true);
        });
        assertThat(c.call("GET", "/who", null, T).body()).contains("\"b\"");
    }

    @Test
    void everyUrlOfAListIsChecked() {
        assertThat(JsonClient.httpsBase("https://a:1/, https://b:2")).isEqualTo("https://a:1,https://b:2");
        assertThatThrownBy(() -> JsonClient.httpsBase("https://a:1,http://b:2")).hasMessageContaining("'http://b:2'");
        assertThatThrownBy(() -> JsonClient.httpsBase("https://a:1,")).isInstanceOf(IllegalArgumentException.class);
    }
}
