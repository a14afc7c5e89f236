package io.dinp.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.dinp.common.Json;
import io.dinp.testkit.Samples;
import io.dinp.testkit.TestImages;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Dash and the builder keep nothing of their own, so as many copies run as wanted (issue 9): two
 * more dashes, each handing builds to two builders ({@code dash --builder}), over one cluster. A
 * build uploaded through one dash is followed and deployed through the other; a session made on
 * one is good on the other; with a builder or a dash killed, the rest carry on.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CopiesIT {
    static final Duration PATIENCE = Duration.ofSeconds(90);
    static final String APP = "copies";
    static Cluster cluster;
    static final List<DinpProcess> builders = new ArrayList<>();
    static final List<Integer> builderPorts = new ArrayList<>();
    static final List<DinpProcess> dashes = new ArrayList<>();
    static final List<Api> apis = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        TestImages.ensureAll();
        Samples.run(Samples.ROOT, "bash", "scripts/stacks.sh", "build", "static"); // dinp/busybox, for the Dockerfiles below
        cluster = new Cluster().start();
        for (int i = 1; i <= 2; i++) {
            int port = Ports.free();
            // beyond loopback, hence HTTPS with a certificate of the cluster CA (joined through the database)
            DinpProcess b = new DinpProcess("builder" + i + "-" + cluster.run, Map.of("DINP_DB_PASSWORD", Cluster.mariaPassword()),
                    "builder", "--bind", "0.0.0.0", "--port", "" + port, "--server", cluster.serverUrl(),
                    "--db-url", cluster.dbUrl, "--db-user", Cluster.mariaUser(),
                    "--data-dir", cluster.dataDir.resolve("builder" + i).toString());
            cluster.processes.add(b.start());
            builders.add(b);
            builderPorts.add(port);
        }
        String builderUrls = "https://127.0.0.1:" + builderPorts.get(0) + ",https://127.0.0.1:" + builderPorts.get(1);
        String token = Files.readString(cluster.dataDir.resolve("admin-token")).trim();
        for (int i = 1; i <= 2; i++) {
            int port = Ports.free();
            Path dir = cluster.dataDir.resolve("dash" + i);
            DinpProcess d = new DinpProcess("dash" + i + "-" + cluster.run, Map.of("DINP_DB_PASSWORD", Cluster.mariaPassword()),
                    "dash", "--port", "" + port, "--server", cluster.serverUrl(), "--db-url", cluster.dbUrl,
                    "--db-user", Cluster.mariaUser(), "--data-dir", dir.toString(), "--id", "dash" + i + "-" + cluster.run,
                    "--router-port", "" + cluster.routerPort, "--builder", builderUrls);
            cluster.processes.add(d.start());
            dashes.add(d);
            Cluster.awaitHealthy(d, "https://127.0.0.1:" + port, cluster.apiTls);
            apis.add(new Api("https://127.0.0.1:" + port, token, cluster.apiTls));
        }
        for (int port : builderPorts) {
            await().atMost(PATIENCE).ignoreExceptions().until(() -> apis.getFirst().http().send(
                    HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/healthz")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    static JsonNode upload(Api through, String version) throws Exception {
        return upload(through, through.http(), version);
    }

    static JsonNode upload(Api through, java.net.http.HttpClient client, String version) throws Exception {
        byte[] artifact = Samples.tarGz(Map.of(
                "Dockerfile", "FROM dinp/busybox:latest\nCOPY index.html /www/index.html\n"
                        + "CMD [\"/bin/sh\", \"-c\", \"exec httpd -f -p 0.0.0.0:$PORT -h /www\"]\n",
                "index.html", "copies " + version + "\n"));
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(through.base() + "/api/v1/apps/" + APP
                        + "/builds?version=" + version + "&stack=dockerfile"))
                .header("Authorization", "Bearer " + Files.readString(cluster.dataDir.resolve("admin-token")).trim())
                .POST(HttpRequest.BodyPublishers.ofByteArray(artifact)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return Json.read(r.body(), JsonNode.class);
    }

    static String followLog(Api through, String build) throws Exception {
        HttpResponse<String> r = through.http().send(HttpRequest.newBuilder(URI.create(through.base() + "/api/v1/builds/" + build + "/log"))
                .header("Authorization", "Bearer " + Files.readString(cluster.dataDir.resolve("admin-token")).trim()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r.body();
    }

    static void awaitBuild(Api through, String build, String status) {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(300)).untilAsserted(() ->
                assertThat(through.ok("GET", "/api/v1/builds/" + build, null).get("status").asText()).isEqualTo(status));
    }

    @Test
    @Order(1)
    void aBuildUploadedThroughOneDashIsFollowedAndDeployedThroughTheOther() throws Exception {
        apis.get(0).ok("POST", "/api/v1/apps", Map.of("name", APP, "team", "default", "instances", 1, "memory", 32));
        // from another loopback address than dash's own, to tell the user's address from dash's in the audit
        java.net.http.HttpClient fromElsewhere = java.net.http.HttpClient.newBuilder().sslContext(cluster.apiTls)
                .localAddress(java.net.InetAddress.getByName("127.0.0.2")).build();
        JsonNode build = upload(apis.get(0), fromElsewhere, "1");
        // followed through the other dash, live from whichever builder runs it, to its end
        String log = followLog(apis.get(1), build.get("id").asText());
        awaitBuild(apis.get(1), build.get("id").asText(), "succeeded");
        assertThat(log).contains("release 1 created");
        apis.get(1).ok("POST", "/api/v1/apps/" + APP + "/releases/1/deploy", null);
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
            RouterClient.Answer a = cluster.router.get(APP + ".apps.localhost", "/");
            assertThat(a.status()).isEqualTo(200);
            assertThat(a.body()).contains("copies 1");
        });
        assertThat(apis.get(0).ok("GET", "/api/v1/apps/" + APP + "/builds", null)).hasSize(1);
        // the builder audits the user's address, which dash passed on, not dash's
        JsonNode started = null;
        for (JsonNode e : apis.get(1).ok("GET", "/api/v1/apps/" + APP + "/events", null)) {
            if (e.get("kind").asText().equals("build.started")) {
                started = e;
            }
        }
        assertThat(started).as("build.started event").isNotNull();
        assertThat(started.get("address").asText()).isEqualTo("127.0.0.2");
    }

    @Test
    @Order(2)
    void uploadsSpreadOverTheBuildersAndASessionFromOneDashIsGoodOnTheOther() throws Exception {
        // more builds through the other dash (the turns spread uploads over the builders: BuilderProxyTest)
        for (String v : List.of("2", "3")) {
            String id = upload(apis.get(1), v).get("id").asText();
            awaitBuild(apis.get(0), id, "succeeded");
        }
        // signed in on dash 1, a change made on dash 2 with the same cookie and CSRF token
        Api d1 = apis.get(0);
        HttpResponse<String> in = d1.http().send(HttpRequest.newBuilder(URI.create(d1.base() + "/api/v1/session"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(Map.of("name", "admin",
                        "password", Files.readString(cluster.dataDir.resolve("admin-password")).trim())))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(in.statusCode()).as(in.body()).isIn(200, 201);
        String cookie = in.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
        String csrf = Json.read(in.body(), JsonNode.class).get("csrfToken").asText();
        Api d2 = apis.get(1);
        HttpResponse<String> scaled = d2.http().send(HttpRequest.newBuilder(URI.create(d2.base() + "/api/v1/apps/" + APP))
                .header("Cookie", cookie).header("X-CSRF-Token", csrf).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"instances\":2}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(scaled.statusCode()).as(scaled.body()).isEqualTo(200);
        // and an upload through dash 2 with that session: dash hands the cookie and token to the builder
        byte[] artifact = Samples.tarGz(Map.of("Dockerfile", "FROM dinp/busybox:latest\nCMD [\"true\"]\n"));
        HttpResponse<String> up = d2.http().send(HttpRequest.newBuilder(URI.create(d2.base() + "/api/v1/apps/" + APP
                        + "/builds?version=4&stack=dockerfile")).header("Cookie", cookie).header("X-CSRF-Token", csrf)
                .POST(HttpRequest.BodyPublishers.ofByteArray(artifact)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(up.statusCode()).as(up.body()).isEqualTo(202);
        // without the token the session's upload is refused, by dash, before any builder hears of it
        HttpResponse<String> forged = d2.http().send(HttpRequest.newBuilder(URI.create(d2.base() + "/api/v1/apps/" + APP
                        + "/builds?version=5&stack=dockerfile")).header("Cookie", cookie)
                .POST(HttpRequest.BodyPublishers.ofByteArray(artifact)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode()).isEqualTo(403);
    }

    /** Signs {@code name} in through {@code through}; the status. */
    private static int signIn(Api through, String name, String password) throws Exception {
        return through.http().send(HttpRequest.newBuilder(URI.create(through.base() + "/api/v1/session"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(Map.of("name", name, "password", password)))).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    @Order(2)
    void wrongPasswordsCountOnEveryDashTogether() throws Exception {
        apis.get(0).ok("POST", "/api/v1/users", Map.of("name", "guessed", "password", "guessed's password"));
        // 4 wrong passwords are free, the 5th locks the name for this address: split over both dashes
        for (int i = 0; i < 5; i++) {
            assertThat(signIn(apis.get(i % 2), "guessed", "not the password")).as("wrong password %d", i + 1).isEqualTo(401);
        }
        assertThat(signIn(apis.get(1), "guessed", "guessed's password")).as("locked on the dash that saw 2").isEqualTo(429);
        assertThat(signIn(apis.get(0), "guessed", "guessed's password")).as("locked on the dash that saw 3").isEqualTo(429);
    }

    @Test
    @Order(3)
    void aBuilderThatRestartsLeavesTheOthersBuildsAlone() throws Exception {
        // a slow build on builder 2 (asked directly), then builder 1 is killed and started again:
        // it fails its own unfinished builds at start, not the one builder 2 is running
        Api b2 = new Api("https://127.0.0.1:" + builderPorts.get(1),
                Files.readString(cluster.dataDir.resolve("admin-token")).trim(), cluster.apiTls);
        // a step of its own (Docker's layer cache would skip a RUN it has run before on this host)
        byte[] artifact = Samples.tarGz(Map.of("Dockerfile", "FROM dinp/busybox:latest\nRUN echo " + java.util.UUID.randomUUID()
                + " && sleep 12\nCMD [\"true\"]\n"));
        HttpResponse<String> r = b2.http().send(HttpRequest.newBuilder(URI.create(b2.base() + "/api/v1/apps/" + APP
                        + "/builds?version=slow&stack=dockerfile"))
                .header("Authorization", "Bearer " + Files.readString(cluster.dataDir.resolve("admin-token")).trim())
                .POST(HttpRequest.BodyPublishers.ofByteArray(artifact)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        String slow = Json.read(r.body(), JsonNode.class).get("id").asText();
        awaitBuild(apis.get(1), slow, "running");
        builders.get(0).kill();
        builders.get(0).start();
        await().atMost(PATIENCE).ignoreExceptions().until(() -> apis.getFirst().http().send(
                HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + builderPorts.get(0) + "/healthz")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
        assertThat(apis.get(1).ok("GET", "/api/v1/builds/" + slow, null).get("status").asText()).isEqualTo("running");
        awaitBuild(apis.get(1), slow, "succeeded");
    }

    @Test
    @Order(4)
    void withABuilderAndADashKilledTheOthersCarryOn() throws Exception {
        builders.get(0).kill();
        dashes.get(0).kill();
        for (String v : List.of("6", "7", "8")) {
            String id = upload(apis.get(1), v).get("id").asText();
            assertThat(followLog(apis.get(1), id)).contains("release " + v + " created");
            awaitBuild(apis.get(1), id, "succeeded");
        }
        apis.get(1).ok("POST", "/api/v1/apps/" + APP + "/releases/8/deploy", null);
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(300)).untilAsserted(() ->
                assertThat(cluster.router.get(APP + ".apps.localhost", "/").body()).contains("copies 8"));
    }
}
