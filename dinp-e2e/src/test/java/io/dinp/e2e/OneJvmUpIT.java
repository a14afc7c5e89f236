package io.dinp.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.dinp.testkit.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/** Scenario 1 under {@code dinp up}: everything in one JVM with the embedded H2 database. */
class OneJvmUpIT {

    @Test
    void threeInstancesAnswerThroughTheRouterOfOneJvm() throws Exception {
        TestImages.ensureHello(TestImages.V1);
        try (OneJvm up = new OneJvm("up", 1024).start()) {
            String node = up.node;
            int routerPort = up.routerPort;
            Path tokenFile = up.data.resolve("admin-token");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tokenFile))).isEqualTo("rw-------");
            assertThat(up.process.logTail()).contains("Token:  in " + tokenFile).doesNotContain(up.token);
            Path passwordFile = up.data.resolve("admin-password");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile))).isEqualTo("rw-------");
            String password = Files.readString(passwordFile).trim();
            assertThat(up.process.logTail()).doesNotContain(password);
            Api api = up.api;
            RouterClient router = up.router;

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
            await().atMost(Duration.ofSeconds(60)).until(() -> up.containers().isEmpty());
        }
    }

    @Test
    void beyondLoopbackTheApiServesHttpsOnlyAndTheCliTrustsItsCa() throws Exception {
        try (OneJvm up = new OneJvm("tls", 512, "--bind", "0.0.0.0").start()) {
            assertThat(up.base()).startsWith("https://");
            assertThat(ClusterSecurityIT.plainProbe(up.apiPort)).as("no plain HTTP beyond loopback").doesNotContain("HTTP/1.");
            assertThat(up.api.ok("GET", "/api/v1/apps", null)).isEmpty();
            assertThat(up.process.logTail()).contains("Web:    https://127.0.0.1:" + up.apiPort).contains(up.caFile().toString());

            Cli cli = new Cli();
            Cli.Result untrusted = cli.run("login", "--api", up.base(), "--token", up.token);
            assertThat(untrusted.code()).as(untrusted.toString()).isEqualTo(6);
            assertThat(untrusted.err()).contains("not trusted").contains("--ca-cert");
            Cli.Result trusted = cli.run("login", "--api", up.base(), "--ca-cert", up.caFile().toString(), "--token", up.token);
            assertThat(trusted.code()).as(trusted.toString()).isZero();
            assertThat(trusted.err()).contains("Trusting the CA with SHA-256 fingerprint");
            Cli.Result apps = cli.run("apps", "--json");
            assertThat(apps.code()).as(apps.toString()).isZero();
            Cli.Result noCa = cli.run("nodes", "token", "create");
            assertThat(noCa.code()).as("dinp up has no cluster CA to join: " + noCa).isEqualTo(5);
            assertThat(noCa.err()).contains("no cluster CA");
        }
    }
}
