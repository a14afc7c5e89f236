package io.dinp.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.DockerClient;
import io.dinp.registry.ImagePuller;
import io.dinp.registry.ImagePusher;
import io.dinp.registry.PushedImage;
import io.dinp.registry.RegistryClient;
import io.dinp.registry.RegistryCredentials;
import io.dinp.testkit.Docker;
import io.dinp.testkit.TestImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Four versions of an app pulled from the registry, pruned down to two on the real Docker. The pruner is
 * scoped to this test's repositories, so images of tests running next to it are never at risk.
 */
class ImagePruningIT {
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String repo = "it/prune-" + run + "/hello";
    private final String otherImage = "dinp-test/prune-other-" + run + ":x";
    private final String container = "dinp-prune-it-" + run;
    private final List<PushedImage> pushed = new ArrayList<>();
    private final List<String> ids = new ArrayList<>();
    private DockerClient docker;
    private RegistryCredentials registry;
    private String otherId;

    @BeforeEach
    void pushFourVersionsAndPullThem() throws Exception {
        String address = System.getenv("DINP_TEST_REGISTRY");
        String passwordFile = System.getenv("DINP_TEST_REGISTRY_PASSWORD_FILE");
        Assumptions.assumeTrue(address != null && passwordFile != null, "no test registry (run ./dinp test)");
        registry = RegistryCredentials.withPasswordFile(address, System.getenv().getOrDefault("DINP_TEST_REGISTRY_USER", "dinp"),
                Path.of(passwordFile));
        docker = DockerClients.create(AgentConfig.DEFAULT_DOCKER_HOST);
        TestImages.ensureHello(TestImages.V1);
        // not DINP's: a local name, plus a tag in the pruned repository that must not make it a candidate
        otherId = build("other", otherImage);
        Docker.run("tag", otherId, address + "/" + repo + ":mixed");
        for (int v = 1; v <= 4; v++) {
            Thread.sleep(1100); // Docker's creation times are in seconds: make the order unambiguous
            String tag = "v" + v;
            String id = build(tag, address + "/" + repo + ":" + tag);
            PushedImage p = new ImagePusher(docker, registry).push(address + "/" + repo + ":" + tag, repo, tag);
            pushed.add(p);
            ids.add(id);
            Docker.run("rmi", p.reference()); // forget it locally, then pull it as an agent would: by digest
            assertThat(Docker.succeeds("image", "inspect", id)).isFalse();
            new ImagePuller(docker, registry).pull(repo, p.digest());
            assertThat(Docker.run("image", "inspect", "-f", "{{.Id}}", p.pinned())).isEqualTo(id);
        }
    }

    /** An image FROM the hello image with labels that make it distinct (and defeat the build cache). */
    private String build(String version, String tag) throws IOException {
        Path dir = Files.createTempDirectory("dinp-prune-");
        try {
            Files.writeString(dir.resolve("Dockerfile"), "FROM " + TestImages.HELLO_V1 + "\n"
                    + "LABEL dinp.test.run=" + run + " dinp.test.version=" + version + "\n");
            Docker.run("build", "-q", "-t", tag, dir.toString());
            return Docker.run("image", "inspect", "-f", "{{.Id}}", tag);
        } finally {
            Files.deleteIfExists(dir.resolve("Dockerfile"));
            Files.deleteIfExists(dir);
        }
    }

    @AfterEach
    void cleanUp() {
        if (docker == null) {
            return;
        }
        Docker.succeeds("rm", "-f", container);
        for (String id : ids) {
            Docker.succeeds("rmi", "-f", id);
        }
        if (otherId != null) {
            Docker.succeeds("rmi", "-f", otherId);
        }
        RegistryClient client = new RegistryClient(registry);
        for (PushedImage p : pushed) {
            try {
                client.delete(repo, p.digest());
            } catch (RuntimeException e) {
                // best effort: the registry's own retention will catch it
            }
        }
        try {
            docker.close();
        } catch (IOException e) {
            // the test is over
        }
    }

    private static boolean exists(String id) {
        return Docker.succeeds("image", "inspect", id);
    }

    @Test
    void keepsTheTwoNewestAndWhatAContainerUses() {
        String scope = registry.address() + "/it/prune-" + run;
        // a stopped container, not DINP's, on the oldest version
        Docker.run("create", "--name", container, pushed.get(0).pinned());
        // several tags: Docker refuses to delete by id without force, the pruner untags one by one
        Docker.run("tag", ids.get(1), pushed.get(1).reference());
        Docker.run("tag", ids.get(1), registry.address() + "/" + repo + ":latest");
        try (ImagePruner pruner = new ImagePruner(docker, List.of(scope), 2, ImagePruner.DEFAULT_INTERVAL,
                List::of, "prune-it-" + run)) {
            assertThat(pruner.prune()).containsExactly(ids.get(1));
            assertThat(exists(ids.get(0))).as("v1, used by a stopped container").isTrue();
            assertThat(exists(ids.get(1))).as("v2").isFalse();
            assertThat(exists(ids.get(2))).as("v3").isTrue();
            assertThat(exists(ids.get(3))).as("v4").isTrue();
            assertThat(exists(otherId)).as("the non-DINP image").isTrue();

            // once the container is gone, the next periodic pass deletes v1 too
            Docker.run("rm", container);
            assertThat(pruner.prune()).containsExactly(ids.get(0));
            assertThat(exists(ids.get(0))).as("v1").isFalse();
            assertThat(ids.subList(2, 4)).allMatch(ImagePruningIT::exists);
            assertThat(exists(otherId)).isTrue();
            assertThat(Docker.run("image", "inspect", "-f", "{{json .RepoTags}}", otherId))
                    .contains(otherImage).contains(repo + ":mixed");
        }
    }

    @Test
    void tickRunsAPassInTheBackgroundAndTheAssignmentProtectsItsImages() {
        String scope = registry.address() + "/it/prune-" + run;
        // the assignment still runs v1 by digest, with no container yet (e.g. being replaced)
        try (ImagePruner pruner = new ImagePruner(docker, List.of(scope), 2, ImagePruner.DEFAULT_INTERVAL,
                () -> List.of(pushed.get(0).pinned()), "prune-it-" + run)) {
            pruner.tick();
            await().atMost(Duration.ofSeconds(30)).until(() -> !exists(ids.get(1)));
            assertThat(exists(ids.get(0))).as("v1, assigned").isTrue();
            assertThat(ids.subList(2, 4)).allMatch(ImagePruningIT::exists);
            assertThat(exists(otherId)).isTrue();
        }
    }
}
