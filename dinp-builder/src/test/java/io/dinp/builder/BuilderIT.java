package io.dinp.builder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import io.dinp.model.Build;
import io.dinp.registry.RegistryClient;
import io.dinp.registry.RegistryCredentials;
import io.dinp.store.BuildStore;
import io.dinp.store.Database;
import io.dinp.store.ReleaseStore;
import io.dinp.testkit.Docker;
import io.dinp.testkit.Samples;
import java.io.ByteArrayInputStream;
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
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every stack end to end against the real Docker Engine and registry: artifact in, image pushed
 * by digest, release recorded, a container of it answering HTTP. And a failing build pushes nothing.
 */
class BuilderIT {
    static final Duration BUILD_DEADLINE = Duration.ofMinutes(5);
    static final String RUN = UUID.randomUUID().toString().substring(0, 6);
    static DockerClient docker;
    static Database db;
    static BuildService service;
    static ReleaseStore releases;
    static BuildStore builds;
    static Optional<RegistryCredentials> registry;
    static final List<String> containers = new ArrayList<>();
    static final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    static Path data;

    @BeforeAll
    static void start() throws Exception {
        // the stacks' default base images, built from Debian's packages (reused when present)
        Samples.run(Samples.ROOT, "bash", "scripts/stacks.sh", "build");
        var cfg = DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost("unix:///var/run/docker.sock").build();
        docker = DockerClientImpl.getInstance(cfg, new ApacheDockerHttpClient.Builder().dockerHost(URI.create(cfg.getDockerHost().toString())).build());
        db = Database.open(Database.h2FileUrl(data), "dinp", "");
        builds = new BuildStore(db);
        releases = new ReleaseStore(db);
        String address = System.getenv("DINP_TEST_REGISTRY");
        String passwordFile = System.getenv("DINP_TEST_REGISTRY_PASSWORD_FILE");
        registry = address == null || passwordFile == null ? Optional.empty()
                : Optional.of(RegistryCredentials.withPasswordFile(address, System.getenv().getOrDefault("DINP_TEST_REGISTRY_USER", "dinp"), Path.of(passwordFile)));
        service = new BuildService(BuilderSettings.defaults(data.resolve("work"), registry).withKeepReleases(2), docker, builds,
                releases, app -> "");
    }

    @AfterAll
    static void stop() throws IOException {
        containers.forEach(c -> Docker.succeeds("rm", "-f", c));
        if (service != null) {
            service.close();
        }
        if (db != null) {
            db.close();
        }
        if (docker != null) {
            docker.close();
        }
    }

    static Build build(String app, String stack, byte[] artifact, String name) throws Exception {
        Build b = service.submit(app, "1", stack, null, new ByteArrayInputStream(artifact), name, "it");
        await().atMost(BUILD_DEADLINE).until(() -> builds.get(b.id()).orElseThrow().finished());
        return builds.get(b.id()).orElseThrow();
    }

    /** Builds, checks the release and the registry, runs the image and returns what it answers. */
    static String buildAndRun(String stack, byte[] artifact, String name) throws Exception {
        String app = stack + "-" + RUN;
        Build b = build(app, stack, artifact, name);
        assertThat(b.status()).as(b.failure()).isEqualTo(Build.SUCCEEDED);
        assertThat(releases.get(app, "1")).get().satisfies(r -> assertThat(r.image()).isEqualTo(b.image()));
        registry.ifPresent(r -> {
            assertThat(b.image()).startsWith(r.address() + "/" + app + "@sha256:");
            assertThat(new RegistryClient(r).digest(app, "1")).contains(b.digest());
        });
        String c = Docker.run("run", "-d", "-e", "PORT=8080", "-p", "127.0.0.1::8080", b.image());
        containers.add(c);
        String port = Docker.run("port", c, "8080/tcp").lines().findFirst().orElseThrow().replaceAll(".*:", "");
        String[] body = new String[1];
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).ignoreExceptions().until(() -> {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            body[0] = r.body();
            return r.statusCode() == 200;
        });
        return body[0];
    }

    @Test
    void jar() throws Exception {
        assertThat(buildAndRun("jar", Samples.jar(data), "hello.jar")).startsWith("hello from jar");
    }

    @Test
    void war() throws Exception {
        assertThat(buildAndRun("war", Samples.war(data), "hello.war")).startsWith("hello from war");
    }

    @Test
    void binary() throws Exception {
        assertThat(buildAndRun("binary", Samples.binary(data), "app.tar.gz")).startsWith("hello from binary");
    }

    @Test
    void python() throws Exception {
        assertThat(buildAndRun("python", Samples.tarGz(Samples.DIR.resolve("python")), "app.tar.gz")).startsWith("hello from python");
    }

    @Test
    void node() throws Exception {
        assertThat(buildAndRun("node", Samples.tarGz(Samples.DIR.resolve("node")), "app.tar.gz")).startsWith("hello from node");
    }

    @Test
    void staticFiles() throws Exception {
        assertThat(buildAndRun("static", Samples.tarGz(Samples.DIR.resolve("static")), "site.tar.gz")).contains("hello from static");
    }

    @Test
    void ownDockerfile() throws Exception {
        byte[] artifact = Samples.tarGz(Map.of(
                "Dockerfile", "FROM dinp/busybox:latest\nCOPY index.html /www/index.html\n"
                        + "CMD [\"/bin/sh\", \"-c\", \"exec httpd -f -p 0.0.0.0:$PORT -h /www\"]\n",
                "index.html", "hello from my own dockerfile\n"));
        assertThat(buildAndRun("dockerfile", artifact, "app.tar.gz")).startsWith("hello from my own dockerfile");
    }

    @Test
    void aFailingStepFailsTheBuildWithItsLogAndPushesNothing() throws Exception {
        String app = "broken-" + RUN;
        byte[] artifact = Samples.tarGz(Map.of("Dockerfile", "FROM dinp/busybox:latest\nRUN echo about to fail && exit 3\n"));
        Build b = build(app, "dockerfile", artifact, "app.tar.gz");
        assertThat(b.status()).isEqualTo(Build.FAILED);
        assertThat(b.failure()).contains("build failed").contains("about to fail").contains("3");
        assertThat(b.image()).isNull();
        assertThat(releases.list(app)).isEmpty();
        assertThat(builds.log(b.id())).get().asString().contains("about to fail");
        registry.ifPresent(r -> assertThat(new RegistryClient(r).tags(app)).isEmpty());
        assertThat(Docker.succeeds("image", "inspect", "dinp/" + app + ":1")).isFalse();
    }

    @Test
    void buildsOfOneAppWaitForEachOtherWhileOtherAppsBuildAndTheLogIsLive() throws Exception {
        String slow = "slow-" + RUN;
        // unique per run, or Docker's layer cache would answer at once from an earlier run
        byte[] sleepy = Samples.tarGz(Map.of("Dockerfile", "FROM dinp/busybox:latest\nRUN echo run " + RUN
                + " && echo started-now && sleep 12 && echo slept\n"));
        byte[] quick = Samples.tarGz(Map.of("Dockerfile", "FROM dinp/busybox:latest\nRUN echo quick\n"));
        Build first = service.submit(slow, "1", "dockerfile", null, new ByteArrayInputStream(sleepy), "a.tar.gz", "it");
        Build second = service.submit(slow, "2", "dockerfile", null, new ByteArrayInputStream(quick), "a.tar.gz", "it");
        Build other = service.submit("other-" + RUN, "1", "dockerfile", null, new ByteArrayInputStream(quick), "a.tar.gz", "it");
        // the log is readable while the build runs
        BuildLog live = service.liveLog(first.id()).orElseThrow();
        await().atMost(BUILD_DEADLINE).until(() -> live.text().lines().anyMatch(l -> l.equals("started-now")));
        assertThat(builds.get(first.id()).orElseThrow().finished()).isFalse();
        // another app's build finishes meanwhile; the same app's next build has not started
        await().atMost(BUILD_DEADLINE).until(() -> builds.get(other.id()).orElseThrow().finished());
        assertThat(builds.get(first.id()).orElseThrow().status()).isEqualTo(Build.RUNNING);
        assertThat(builds.get(second.id()).orElseThrow().status()).isEqualTo(Build.QUEUED);
        await().atMost(BUILD_DEADLINE).until(() -> builds.get(second.id()).orElseThrow().finished());
        Build a = builds.get(first.id()).orElseThrow();
        Build b = builds.get(second.id()).orElseThrow();
        assertThat(a.status()).isEqualTo(Build.SUCCEEDED);
        assertThat(b.status()).isEqualTo(Build.SUCCEEDED);
        assertThat(b.finishedAt()).isAfterOrEqualTo(a.finishedAt());
        assertThat(builds.log(a.id())).get().asString().contains("started").contains("slept");
    }

    @Test
    void anUnchangedArtifactReusesTheImageAndAChangedOneBuildsAgain() throws Exception {
        String app = "same-" + RUN;
        byte[] site = Samples.tarGz(Map.of("index.html", "same\n"));
        Build first = service.submit(app, "1", "static", null, new ByteArrayInputStream(site), "s.tar.gz", "it");
        await().atMost(BUILD_DEADLINE).until(() -> builds.get(first.id()).orElseThrow().finished());
        Build again = service.submit(app, "2", "static", null, new ByteArrayInputStream(site), "s.tar.gz", "it");
        await().atMost(BUILD_DEADLINE).until(() -> builds.get(again.id()).orElseThrow().finished());
        Build a = builds.get(first.id()).orElseThrow();
        Build b = builds.get(again.id()).orElseThrow();
        assertThat(b.status()).as(b.failure()).isEqualTo(Build.SUCCEEDED);
        assertThat(builds.log(b.id())).get().asString().contains("reusing the image").doesNotContain("Step 1/");
        assertThat(b.digest()).isEqualTo(a.digest());
        assertThat(releases.list(app)).hasSize(2);
        registry.ifPresent(r -> assertThat(new RegistryClient(r).tags(app)).containsExactlyInAnyOrder("1", "2"));

        Build changed = service.submit(app, "3", "static", null,
                new ByteArrayInputStream(Samples.tarGz(Map.of("index.html", "different\n"))), "s.tar.gz", "it");
        await().atMost(BUILD_DEADLINE).until(() -> builds.get(changed.id()).orElseThrow().finished());
        Build c = builds.get(changed.id()).orElseThrow();
        assertThat(builds.log(c.id())).get().asString().contains("Step 1/").doesNotContain("reusing");
        assertThat(c.digest()).isNotEqualTo(a.digest());
    }

    @Test
    void onlyTheNewestReleasesKeepTheirImages() throws Exception {
        String app = "kept-" + RUN;
        List<Build> made = new ArrayList<>();
        for (int v = 1; v <= 3; v++) {
            byte[] artifact = Samples.tarGz(Map.of("index.html", "version " + v + "\n"));
            Build b = service.submit(app, "" + v, "static", null, new ByteArrayInputStream(artifact), "site.tar.gz", "it");
            await().atMost(BUILD_DEADLINE).until(() -> builds.get(b.id()).orElseThrow().finished());
            made.add(builds.get(b.id()).orElseThrow());
            assertThat(made.getLast().status()).as(made.getLast().failure()).isEqualTo(Build.SUCCEEDED);
        }
        // keep 2: release 1 lost its image, 2 and 3 kept theirs
        assertThat(releases.get(app, "1").orElseThrow().pruned()).isTrue();
        assertThat(releases.get(app, "2").orElseThrow().pruned()).isFalse();
        assertThat(releases.get(app, "3").orElseThrow().pruned()).isFalse();
        // pushed images keep only their registry tag locally; unpushed ones their build tag
        String local = registry.map(r -> r.address() + "/" + app).orElse("dinp/" + app);
        assertThat(Docker.succeeds("image", "inspect", local + ":1")).isFalse();
        assertThat(Docker.succeeds("image", "inspect", local + ":3")).isTrue();
        registry.ifPresent(r -> {
            RegistryClient client = new RegistryClient(r);
            assertThat(client.tags(app)).containsExactlyInAnyOrder("2", "3");
            assertThat(client.digest(app, "1")).isEmpty();
        });
    }

    @Test
    void aDockerfileStackArtifactWithoutDockerfileIsRefusedBeforeAnyBuild() throws Exception {
        int before = builds.list("nodockerfile-" + RUN, 10).size();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> service.submit("nodockerfile-" + RUN, "1", "dockerfile", null,
                        new ByteArrayInputStream(Samples.tarGz(Map.of("index.html", "x"))), "a.tar.gz", "it"))
                .hasMessageContaining("no Dockerfile");
        assertThat(builds.list("nodockerfile-" + RUN, 10)).hasSize(before);
        assertThat(Files.list(data.resolve("work")).count()).isZero();
    }
}
