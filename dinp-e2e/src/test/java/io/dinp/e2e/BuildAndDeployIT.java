package io.dinp.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.dinp.testkit.Samples;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The artifact path under {@code dinp up} with the private registry: create an app with no image,
 * upload a jar as a tar.gz, deploy the release to 2 instances, reach it through the router; a
 * second release of another stack, then rollback; unsafe artifacts refused by name.
 */
class BuildAndDeployIT {
    static final Duration PATIENCE = Duration.ofMinutes(3);
    static String NODE;
    static OneJvm up;
    static Api api;
    static RouterClient router;
    static String base;
    static String token;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        String registry = System.getenv("DINP_TEST_REGISTRY");
        String passwordFile = System.getenv("DINP_TEST_REGISTRY_PASSWORD_FILE");
        Assumptions.assumeTrue(registry != null && passwordFile != null, "no test registry (run ./dinp test)");
        Samples.run(Samples.ROOT, "bash", "scripts/stacks.sh", "build");
        up = new OneJvm("build", 2048, "--registry", registry, "--registry-password-file", passwordFile).start();
        NODE = up.node;
        token = up.token;
        base = up.base();
        api = up.api;
        router = up.router;
    }

    @AfterAll
    static void stop() throws Exception {
        if (up != null) {
            up.close();
            // every build of every test has pushed by now, and the process has said all it will say
            String password = Files.readString(Path.of(System.getenv("DINP_TEST_REGISTRY_PASSWORD_FILE"))).trim();
            assertThat(up.process.output()).as("dinp up's whole output").doesNotContain(password);
        }
    }

    static HttpResponse<String> upload(String app, String query, byte[] artifact) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/apps/" + app + "/builds?" + query))
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofByteArray(artifact)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode buildToTheEnd(String app, String version, String stack, byte[] artifact) throws Exception {
        HttpResponse<String> r = upload(app, "version=" + version + "&stack=" + stack, artifact);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        String id = Api.JSON.readTree(r.body()).get("id").asText();
        await().atMost(PATIENCE).until(() -> List.of("succeeded", "failed").contains(api.ok("GET", "/api/v1/builds/" + id, null).get("status").asText()));
        return api.ok("GET", "/api/v1/builds/" + id, null);
    }

    static void awaitAnswer(String host, String prefix) {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
            for (int i = 0; i < 4; i++) {
                RouterClient.Answer a = router.get(host);
                assertThat(a.status()).as(a.body()).isEqualTo(200);
                assertThat(a.body()).startsWith(prefix);
            }
        });
    }

    @Test
    void aJarArtifactBecomesARunningAppAndRollsBack() throws Exception {
        api.ok("POST", "/api/v1/apps", Map.of("name", "web", "instances", 2, "memory", 256));
        assertThat(api.app("web").get("status").asText()).startsWith("pending");

        Path work = Files.createTempDirectory("dinp-jar-");
        Path dir = Files.createDirectories(work.resolve("artifact"));
        Files.write(dir.resolve("hello.jar"), Samples.jar(work));
        JsonNode v1 = buildToTheEnd("web", "1", "jar", Samples.tarGz(dir));
        assertThat(v1.get("status").asText()).as(v1.toString()).isEqualTo("succeeded");
        assertThat(v1.get("image").asText()).startsWith(System.getenv("DINP_TEST_REGISTRY") + "/web@sha256:");
        String log = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/builds/" + v1.get("id").asText() + "/log"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(log).contains("pushed").contains("release 1 created");
        // the registry password reaches the Engine per call; it is never logged, shown or passed as an argument
        String password = Files.readString(Path.of(System.getenv("DINP_TEST_REGISTRY_PASSWORD_FILE"))).trim();
        assertThat(log).as("build log").doesNotContain(password);
        assertThat(up.process.output()).as("dinp up's output").doesNotContain(password);
        assertThat(up.process.commandLine()).as("dinp up's arguments").contains("--registry-password-file")
                .doesNotContain(password);

        api.ok("POST", "/api/v1/apps/web/releases/1/deploy", null);
        awaitAnswer("web.apps.localhost", "hello from jar");
        assertThat(api.app("web").get("status").asText()).isEqualTo("running: 2/2 instances running");

        JsonNode v2 = buildToTheEnd("web", "2", "static", Samples.tarGz(Samples.DIR.resolve("static")));
        assertThat(v2.get("status").asText()).as(v2.toString()).isEqualTo("succeeded");
        api.ok("POST", "/api/v1/apps/web/releases/2/deploy", null);
        awaitAnswer("web.apps.localhost", "<!doctype html>");

        api.ok("POST", "/api/v1/apps/web/rollback", null);
        awaitAnswer("web.apps.localhost", "hello from jar");
        JsonNode releases = api.ok("GET", "/api/v1/apps/web/releases", null);
        assertThat(releases).hasSize(2);
        assertThat(releases.get(1).get("current").asBoolean()).isTrue();
        assertThat(upload("web", "version=1&stack=jar", Samples.tarGz(dir)).statusCode()).isEqualTo(409);
    }

    static byte[] artifact(String stack, Path work) throws Exception {
        return switch (stack) {
            case "binary" -> Samples.binary(work);
            case "war" -> Samples.war(work);
            case "dockerfile" -> Samples.tarGz(Map.of(
                    "Dockerfile", "FROM dinp/busybox:latest\nCOPY index.html /www/index.html\n"
                            + "CMD [\"/bin/sh\", \"-c\", \"exec httpd -f -p 0.0.0.0:$PORT -h /www\"]\n",
                    "index.html", "hello from dockerfile\n"));
            default -> Samples.tarGz(Samples.DIR.resolve(stack));
        };
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "stack {0}")
    @org.junit.jupiter.params.provider.CsvSource({"binary,hello from binary", "static,<!doctype html>",
            "dockerfile,hello from dockerfile", "python,hello from python", "node,hello from node", "war,hello from war"})
    void everyStackBuildsDeploysAndAnswersThroughTheRouter(String stack, String answer) throws Exception {
        String app = "stack-" + stack;
        api.ok("POST", "/api/v1/apps", Map.of("name", app, "instances", 2, "memory", stack.equals("war") ? 384 : 128));
        JsonNode b = buildToTheEnd(app, "1", stack, artifact(stack, Files.createTempDirectory("dinp-" + stack + "-")));
        assertThat(b.get("status").asText()).as(b.toString()).isEqualTo("succeeded");
        api.ok("POST", "/api/v1/apps/" + app + "/releases/1/deploy", null);
        awaitAnswer(app + ".apps.localhost", answer);
        assertThat(api.instances(app)).hasSize(2);
        api.ok("DELETE", "/api/v1/apps/" + app, null);
    }

    @Test
    void theBuildLogStreamsWhileTheBuildRuns() throws Exception {
        api.ok("POST", "/api/v1/apps", Map.of("name", "chatty", "instances", 0));
        byte[] slow = Samples.tarGz(Map.of("Dockerfile",
                "FROM dinp/busybox:latest\nRUN echo run " + NODE + " && echo first-line && sleep 8 && echo last-line\n"));
        HttpResponse<String> r = upload("chatty", "version=1&stack=dockerfile", slow);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        String id = Api.JSON.readTree(r.body()).get("id").asText();
        HttpResponse<java.util.stream.Stream<String>> log = http.send(HttpRequest.newBuilder(
                        URI.create(base + "/api/v1/builds/" + id + "/log")).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofLines());
        List<String> seen = new ArrayList<>();
        boolean runningWhenFirstLineArrived = false;
        for (var it = log.body().iterator(); it.hasNext(); ) {
            String line = it.next();
            seen.add(line);
            if (line.equals("first-line") && !runningWhenFirstLineArrived) {
                runningWhenFirstLineArrived = api.ok("GET", "/api/v1/builds/" + id, null).get("status").asText().equals("running");
            }
        }
        assertThat(runningWhenFirstLineArrived).as("a line arrived while the build ran").isTrue();
        assertThat(String.join("\n", seen)).contains("last-line").contains("release 1 created");
        assertThat(api.ok("GET", "/api/v1/builds/" + id, null).get("status").asText()).isEqualTo("succeeded");
    }

    @Test
    void unsafeOrBrokenArtifactsAreRefusedByNameAndNothingIsBuilt() throws Exception {
        api.ok("POST", "/api/v1/apps", Map.of("name", "guarded", "instances", 0));
        record Bad(byte[] body, String problem) {
        }
        List<Bad> bad = new ArrayList<>();
        bad.add(new Bad(Samples.rawTarGz(Map.of("../escape.txt", "x")), "path escapes the artifact"));
        bad.add(new Bad(Samples.rawTarGz(Map.of("/etc/passwd", "x")), "absolute path"));
        bad.add(new Bad("this is not gzip".getBytes(), "not a gzip"));
        byte[] good = Samples.tarGz(Map.of("index.html", "x"));
        bad.add(new Bad(java.util.Arrays.copyOf(good, good.length / 2), "gzip"));
        for (Bad b : bad) {
            HttpResponse<String> r = upload("guarded", "version=1&stack=static", b.body());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
            JsonNode err = Api.JSON.readTree(r.body());
            assertThat(err.get("fields").get(0).get("field").asText()).isEqualTo("artifact");
            assertThat(err.get("error").asText()).contains(b.problem());
        }
        assertThat(upload("guarded", "version=1&stack=cobol", good).statusCode()).isEqualTo(400);
        assertThat(upload("guarded", "stack=static", good).statusCode()).isEqualTo(400);
        assertThat(upload("nosuchapp", "version=1&stack=static", good).statusCode()).isEqualTo(404);
        assertThat(api.ok("GET", "/api/v1/apps/guarded/builds", null)).isEmpty();
    }
}
