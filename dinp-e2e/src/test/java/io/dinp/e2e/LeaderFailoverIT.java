package io.dinp.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.dinp.testkit.TestImages;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two servers over one MariaDB, started at once: one leads, the other stands by; killed with
 * SIGKILL, the leader is replaced by the standby, which adopts the running containers and places
 * new ones. Who acted when is checked in the audit log, where every controller action names its
 * term and is written under the lease.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LeaderFailoverIT {
    static final Duration PATIENCE = Duration.ofSeconds(60);
    static final Pattern TERM = Pattern.compile("^term (\\d+)");
    static Cluster cluster;
    static Api api;

    @BeforeAll
    static void start() throws Exception {
        TestImages.ensureAll();
        cluster = new Cluster().withServers(2).start();
        api = cluster.api;
    }

    @AfterAll
    static void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    /** A controller action or election from the audit log. */
    record Action(long id, String kind, long term, String message) {
    }

    static List<Action> actions() throws Exception {
        List<Action> out = new ArrayList<>();
        try (var c = DriverManager.getConnection(Cluster.mariaUrl(cluster.database), Cluster.mariaUser(), Cluster.mariaPassword());
             var rs = c.createStatement().executeQuery("SELECT id, kind, message FROM events WHERE actor = 'controller' "
                     + "AND kind IN ('leader.elected', 'controller.plan') ORDER BY id")) {
            while (rs.next()) {
                Matcher m = TERM.matcher(rs.getString(3));
                assertThat(m.find()).as("event %s names its term: %s", rs.getLong(1), rs.getString(3)).isTrue();
                out.add(new Action(rs.getLong(1), rs.getString(2), Long.parseLong(m.group(1)), rs.getString(3)));
            }
        }
        return out;
    }

    /** Terms act one after another: each starts with its election and none acts after a later one began. */
    static void assertTermsNeverOverlap(List<Action> actions) {
        long term = 0;
        for (Action a : actions) {
            if (a.term() != term) {
                assertThat(a.term()).as("a term acting after a later one: %s", a).isGreaterThan(term);
                assertThat(a.kind()).as("a term's first action is its election: %s", a).isEqualTo("leader.elected");
                term = a.term();
            } else {
                assertThat(a.kind()).as("elected twice in one term: %s", a).isEqualTo("controller.plan");
            }
        }
    }

    static List<JsonNode> instances(String app) {
        return StreamSupport.stream(api.instances(app).spliterator(), false).toList();
    }

    static void awaitRunning(String app, int n) {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            assertThat(api.app(app).get("status").asText()).isEqualTo("running: " + n + "/" + n + " instances running");
            assertThat(instances(app)).hasSize(n);
        });
    }

    /** The server that says it leads; never two at once (during a hand-over, none for a moment). */
    static int leader() {
        List<Integer> leading = new ArrayList<>();
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).until(() -> {
            leading.clear();
            for (int i = 0; i < cluster.servers.size(); i++) {
                if (cluster.serverRole(i).equals("leader")) {
                    leading.add(i);
                }
            }
            assertThat(leading).as("servers saying they lead").hasSizeLessThanOrEqualTo(1);
            return leading.size() == 1;
        });
        return leading.getFirst();
    }

    @Test
    @Order(1)
    void twoServersStartedAtOnceElectOneAndTheOtherStandsBy() throws Exception {
        api.ok("POST", "/api/v1/apps", Map.of("name", "hello", "image", TestImages.HELLO_V1, "instances", 2, "memory", 128));
        awaitRunning("hello", 2);
        int leader = leader();
        assertThat(cluster.serverRole(1 - leader)).isEqualTo("standby");
        List<Action> actions = actions();
        // a loaded machine may stall a leader past its lease: a re-election then is safe, an overlap is not
        assertThat(actions).filteredOn(a -> a.kind().equals("leader.elected")).isNotEmpty();
        assertThat(actions).filteredOn(a -> a.kind().equals("controller.plan")).isNotEmpty();
        assertTermsNeverOverlap(actions);
    }

    @Test
    @Order(2)
    void theStandbyTakesOverFromAKilledLeaderKeepsTheContainersAndPlacesAScaleUp() throws Exception {
        List<String> before = cluster.containers("hello");
        assertThat(before).hasSize(2);
        int leader = leader();
        long termBefore = actions().getLast().term();

        cluster.servers.get(leader).kill();
        // issued while no server leads: dash's notice waits for the new leader or is lost; either way it is in SQL
        api.ok("PATCH", "/api/v1/apps/hello", Map.of("instances", 3));

        awaitRunning("hello", 3);
        await().atMost(PATIENCE).until(() -> cluster.serverRole(1 - leader).equals("leader"));
        List<String> after = cluster.containers("hello");
        assertThat(after).as("containers after the take-over").hasSize(3).containsAll(before);

        List<Action> actions = actions();
        assertTermsNeverOverlap(actions);
        Action last = actions.getLast();
        assertThat(last.term()).isGreaterThan(termBefore);
        assertThat(actions).filteredOn(a -> a.term() == last.term() && a.kind().equals("controller.plan"))
                .as("the new leader's placement").anySatisfy(a -> assertThat(a.message()).contains("place 1 (hello ×1)"));
    }
}
