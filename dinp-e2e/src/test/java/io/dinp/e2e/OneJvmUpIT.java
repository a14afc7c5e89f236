package io.dinp.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.dinp.testkit.Docker;
import io.dinp.testkit.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/** Scenario 1 under {@code dinp up}: everything in one JVM with the embedded H2 database. */
class OneJvmUpIT {

    @Test
    void threeInstancesAnswerThroughTheRouterOfOneJvm() throws Exception {
        TestImages.ensureHello(TestImages.V1);
        Path data = Files.createTempDirectory("dinp-up-");
        String node = "up-" + UUID.randomUUID().toString().substring(0, 6);
        int apiPort = Ports.free();
        int routerPort = Ports.free();
        DinpProcess up = new DinpProcess("up-" + node, Map.of(), "up", "--data-dir", data.toString(),
                "--api-port", "" + apiPort, "--router-port", "" + routerPort, "--node-id", node, "--memory", "1024",
                "--stop-timeout", "2");
        try (up) {
            up.start();
            Cluster.awaitHealthy(up, apiPort);
            Path tokenFile = data.resolve("admin-token");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tokenFile))).isEqualTo("rw-------");
            assertThat(up.logTail()).contains("Token:  " + Files.readString(tokenFile).trim());
            Api api = new Api("http://127.0.0.1:" + apiPort, Files.readString(tokenFile).trim());
            RouterClient router = new RouterClient(routerPort);

            api.ok("POST", "/api/v1/apps", Map.of("name", "hello", "image", TestImages.HELLO_V1, "instances", 3, "memory", 128));
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(api.app("hello").get("status").asText()).isEqualTo("running: 3/3 instances running"));
            Set<String> ids = new HashSet<>();
            StreamSupport.stream(api.instances("hello").spliterator(), false).map(i -> i.get("id").asText()).forEach(ids::add);
            assertThat(ids).hasSize(3);
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < 60 && seen.size() < 3; i++) {
                RouterClient.Answer a = router.get("hello.apps.localhost:" + routerPort);
                assertThat(a.ok()).as(a.body()).isTrue();
                seen.add(RouterClient.instanceOf(a));
            }
            assertThat(seen).isEqualTo(ids);
            JsonNode nodes = api.ok("GET", "/api/v1/nodes", null);
            assertThat(nodes.get(0).get("id").asText()).isEqualTo(node);
            assertThat(nodes.get(0).get("allocatedMb").asInt()).isEqualTo(384);

            api.ok("DELETE", "/api/v1/apps/hello", null);
            await().atMost(Duration.ofSeconds(60)).until(() ->
                    Docker.run("ps", "-aq", "--filter", "label=io.dinp.node=" + node).isBlank());
        } finally {
            up.stop();
            for (String id : Docker.run("ps", "-aq", "--filter", "label=io.dinp.node=" + node).lines().filter(l -> !l.isBlank()).toList()) {
                Docker.succeeds("rm", "-f", id);
            }
        }
    }
}
