package io.dinp.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.dinp.testkit.Docker;
import io.dinp.testkit.TestImages;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Instance logs in a distributed cluster: dash reads them from the agents' log endpoints (over HTTPS,
 * with dash's certificate), merges both nodes, follows instances started later on either node, and still has
 * the lines of an instance that crashed and was replaced.
 */
class DistributedLogsIT {
    static final Duration PATIENCE = Duration.ofSeconds(90);
    static Cluster cluster;
    static Api api;
    static HttpClient http;

    @BeforeAll
    static void start() throws Exception {
        TestImages.ensureAll();
        cluster = new Cluster().start();
        api = cluster.api;
        http = api.http();
    }

    @AfterAll
    static void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    static List<JsonNode> instances(String app) {
        return StreamSupport.stream(api.instances(app).spliterator(), false).toList();
    }

    static void awaitRunning(String app, int n) {
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(instances(app)).hasSize(n)
                .allSatisfy(i -> assertThat(i.get("state").asText()).isEqualTo("running")));
    }

    static HttpRequest.Builder logs(String app, String query) {
        return HttpRequest.newBuilder(URI.create(api.base() + "/api/v1/apps/" + app + "/logs?" + query))
                .header("Authorization", "Bearer " + token());
    }

    static String token() {
        try {
            return java.nio.file.Files.readString(cluster.dataDir.resolve("admin-token")).trim();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The whole (not followed) stream, one JSON event a line. */
    static List<JsonNode> read(String app, String query) throws Exception {
        HttpResponse<Stream<String>> r = http.send(logs(app, query).build(), HttpResponse.BodyHandlers.ofLines());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).contains("application/x-ndjson");
        List<JsonNode> out = new ArrayList<>();
        for (String l : (Iterable<String>) r.body()::iterator) {
            out.add(Api.JSON.readTree(l));
        }
        return out;
    }

    static boolean said(List<JsonNode> events, String instance, String text) {
        return events.stream().anyMatch(e -> instance.equals(e.path("instance").asText()) && e.path("line").asText().contains(text));
    }

    @Test
    void bothNodesAreMergedAndACrashedInstancesLinesOutliveIt() throws Exception {
        api.ok("POST", "/api/v1/apps", Map.of("name", "talk", "image", TestImages.LOGGER, "instances", 2, "memory", 64));
        awaitRunning("talk", 2);
        List<JsonNode> two = instances("talk");
        assertThat(two.stream().map(i -> i.get("node").asText()).distinct()).hasSize(2);
        String marker = "/dist-" + UUID.randomUUID();
        for (int i = 0; i < 6; i++) {
            cluster.router.get("talk.apps.localhost", marker);
        }
        await().atMost(PATIENCE).untilAsserted(() -> {
            List<JsonNode> events = read("talk", "tail=all");
            for (JsonNode i : two) {
                String id = i.get("id").asText();
                assertThat(said(events, id, "started " + id)).as("first line of " + id).isTrue();
                assertThat(said(events, id, "url:" + marker)).as("request line of " + id).isTrue();
                assertThat(events).filteredOn(e -> id.equals(e.path("instance").asText()))
                        .allSatisfy(e -> assertThat(e.get("node").asText()).isEqualTo(i.get("node").asText()));
            }
        });

        String victim = two.getFirst().get("id").asText();
        Docker.run("kill", "dinp-" + victim);
        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(instances("talk")).noneMatch(i -> i.get("id").asText().equals(victim));
            awaitRunning("talk", 2);
        });
        assertThat(Docker.run("ps", "-aq", "--filter", "name=dinp-" + victim)).as("its container is gone").isBlank();
        List<JsonNode> kept = read("talk", "instance=" + victim + "&tail=all");
        assertThat(said(kept, victim, "started " + victim)).as(kept.toString()).isTrue();
        assertThat(said(kept, victim, "url:" + marker)).isTrue();
        assertThat(kept).allSatisfy(e -> assertThat(e.get("instance").asText()).isEqualTo(victim));
    }

    @Test
    void aFollowerGetsTheLinesOfInstancesStartedLaterOnEitherNode() throws Exception {
        api.ok("POST", "/api/v1/apps", Map.of("name", "grow", "image", TestImages.LOGGER, "instances", 1, "memory", 64));
        awaitRunning("grow", 1);
        List<String> seen = new CopyOnWriteArrayList<>();
        HttpResponse<Stream<String>> r = http.send(logs("grow", "follow=true&tail=0").build(), HttpResponse.BodyHandlers.ofLines());
        Thread reader = Thread.ofVirtual().start(() -> {
            try {
                r.body().forEach(seen::add);
            } catch (java.io.UncheckedIOException closedByTheTest) {
                // the stream ends when the test closes it
            }
        });
        try {
            api.ok("PATCH", "/api/v1/apps/grow", Map.of("instances", 3));
            awaitRunning("grow", 3);
            Set<String> ids = new HashSet<>();
            instances("grow").forEach(i -> ids.add(i.get("id").asText()));
            await().atMost(PATIENCE).untilAsserted(() -> {
                for (String id : ids) {
                    assertThat(seen).anySatisfy(l -> assertThat(l).contains("\"instance\":\"" + id + "\""));
                }
            });
            assertThat(seen).anyMatch(l -> l.contains("\"node\":\"" + cluster.node1 + "\""))
                    .anyMatch(l -> l.contains("\"node\":\"" + cluster.node2 + "\""));
        } finally {
            r.body().close();
            reader.interrupt();
        }
    }

    @Test
    void theAgentsLogEndpointServesDashsCertificateOnly() throws Exception {
        JsonNode nodes = api.ok("GET", "/api/v1/nodes", null);
        assertThat(nodes).hasSize(2).allSatisfy(n -> assertThat(n.get("logUrl").asText()).startsWith("https://127.0.0.1:"));
        URI url = URI.create(nodes.get(0).get("logUrl").asText() + "/internal/v1/apps/none/logs");
        HttpClient anonymous = HttpClient.newBuilder().sslContext(io.dinp.pki.TlsContexts.of(null,
                new io.dinp.pki.ClusterTrust(cluster.ca(), Set.of(io.dinp.pki.Role.NODE)))).build();
        var nodeCreds = io.dinp.pki.CredentialFiles.in(cluster.dataDir, new io.dinp.pki.Identity(io.dinp.pki.Role.NODE, cluster.node2))
                .load().orElseThrow();
        HttpClient aNode = new io.dinp.common.pki.ClusterIdentity(nodeCreds, null, java.time.Clock.systemUTC())
                .httpClient(io.dinp.pki.Role.NODE).get();
        for (HttpClient refused : List.of(anonymous, aNode)) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> refused.send(HttpRequest.newBuilder(url).build(),
                    HttpResponse.BodyHandlers.ofString())).isInstanceOf(IOException.class);
        }
        HttpResponse<String> ok = cluster.asDash(io.dinp.pki.Role.NODE).send(HttpRequest.newBuilder(url).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).isEmpty();
    }
}
