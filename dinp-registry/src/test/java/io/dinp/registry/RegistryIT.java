package io.dinp.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import io.dinp.registry.RegistryException.Reason;
import io.dinp.testkit.Docker;
import io.dinp.testkit.TestImages;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Needs the registry of {@code ensure_registry} (scripts/lib.sh): DINP_TEST_REGISTRY, _USER, _PASSWORD_FILE. */
class RegistryIT {
    private static RegistryCredentials registry;
    private static DockerClient docker;
    private static String hello;

    private final List<String> localRefs = new ArrayList<>();
    private final List<String[]> pushed = new ArrayList<>(); // {repo, digest}

    @BeforeAll
    static void setUp() {
        String address = System.getenv("DINP_TEST_REGISTRY");
        String user = System.getenv("DINP_TEST_REGISTRY_USER");
        String passwordFile = System.getenv("DINP_TEST_REGISTRY_PASSWORD_FILE");
        assumeTrue(address != null && user != null && passwordFile != null,
                "no test registry: set DINP_TEST_REGISTRY, DINP_TEST_REGISTRY_USER and DINP_TEST_REGISTRY_PASSWORD_FILE"
                        + " (./dinp test does, through ensure_registry in scripts/lib.sh)");
        registry = RegistryCredentials.withPasswordFile(address, user, Path.of(passwordFile));
        hello = TestImages.ensureHello(TestImages.V1);
        DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost("unix:///var/run/docker.sock").build();
        docker = DockerClientImpl.getInstance(config, new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost()).sslConfig(config.getSSLConfig()).build());
    }

    @AfterAll
    static void closeDocker() throws IOException {
        if (docker != null) {
            docker.close();
        }
    }

    @AfterEach
    void cleanUp() {
        RegistryClient client = new RegistryClient(registry);
        pushed.forEach(p -> client.delete(p[0], p[1]));
        localRefs.forEach(ref -> Docker.succeeds("rmi", ref));
    }

    @Test
    void pushedTagIsListedAndResolvesToThePushedDigest() {
        String repo = uniqueRepo();
        PushedImage image = push(repo, "v1");

        assertThat(image.digest()).startsWith("sha256:").hasSize(71);
        assertThat(image.reference()).isEqualTo(registry.address() + "/" + repo + ":v1");
        RegistryClient client = new RegistryClient(registry);
        assertThat(client.tags(repo)).containsExactly("v1");
        assertThat(client.digest(repo, "v1")).contains(image.digest());
        assertThat(client.digest(repo, "v2")).isEmpty();
        assertThat(client.tags(uniqueRepo())).isEmpty();
        assertThat(Docker.run("image", "inspect", "--format", "{{json .RepoDigests}}", image.reference()))
                .contains(image.pinned());
    }

    @Test
    void pullsBackByTagAndByDigestWithCredentials() {
        String repo = uniqueRepo();
        PushedImage image = push(repo, "v1");
        String helloId = Docker.run("image", "inspect", "--format", "{{.Id}}", hello);
        Docker.run("rmi", image.reference());
        assertThat(Docker.succeeds("image", "inspect", image.reference())).isFalse();

        ImagePuller puller = new ImagePuller(docker, registry);
        assertThat(puller.pull(repo, "v1")).isEqualTo(image.reference());
        assertThat(Docker.run("image", "inspect", "--format", "{{.Id}}", image.reference())).isEqualTo(helloId);

        Docker.run("rmi", image.reference());
        assertThat(puller.pull(repo, image.digest())).isEqualTo(image.pinned());
        localRefs.add(image.pinned());
        assertThat(Docker.run("image", "inspect", "--format", "{{.Id}}", image.pinned())).isEqualTo(helloId);
    }

    @Test
    void aWrongPasswordFailsWithAnAuthErrorNamingTheRegistry() {
        String repo = uniqueRepo();
        push(repo, "v1");
        RegistryCredentials wrong = new RegistryCredentials(registry.address(), registry.username(), "not-the-password");

        assertThatThrownBy(() -> new ImagePuller(docker, wrong).pull(repo, "v1"))
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.reason()).isEqualTo(Reason.AUTH))
                .hasMessageContaining(registry.address()).hasMessageContaining("credentials")
                .hasMessageNotContaining("not-the-password");
        assertThatThrownBy(() -> new ImagePusher(docker, wrong).push(hello, repo, "v2"))
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.reason()).isEqualTo(Reason.AUTH))
                .hasMessageContaining(registry.address());
        localRefs.add(registry.address() + "/" + repo + ":v2");
        assertThatThrownBy(() -> new RegistryClient(wrong).tags(repo))
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.reason()).isEqualTo(Reason.AUTH))
                .hasMessageContaining(registry.address());
        assertThat(new RegistryClient(registry).tags(repo)).containsExactly("v1");
    }

    @Test
    void anUnreachableRegistryIsReportedAsSuch() {
        RegistryCredentials nowhere = new RegistryCredentials("127.0.0.1:1", "dinp", "x");
        String repo = uniqueRepo();
        localRefs.add("127.0.0.1:1/" + repo + ":v1");
        assertThatThrownBy(() -> new ImagePusher(docker, nowhere).push(hello, repo, "v1"))
                .isInstanceOfSatisfying(RegistryException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.UNREACHABLE))
                .hasMessageContaining("127.0.0.1:1");
        assertThatThrownBy(() -> new RegistryClient(nowhere).tags(repo))
                .isInstanceOfSatisfying(RegistryException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.UNREACHABLE));
    }

    @Test
    void deleteByDigestRemovesTheTag() {
        String repo = uniqueRepo();
        PushedImage v1 = push(repo, "v1");
        RegistryClient client = new RegistryClient(registry);
        assertThat(client.tags(repo)).containsExactly("v1");

        client.delete(repo, v1.digest());

        assertThat(client.tags(repo)).isEmpty();
        assertThat(client.digest(repo, "v1")).isEmpty();
        client.delete(repo, v1.digest()); // already gone: no error
        assertThatThrownBy(() -> new ImagePuller(docker, registry).pull(repo, "v1"))
                .isInstanceOfSatisfying(RegistryException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND));
    }

    private PushedImage push(String repo, String tag) {
        localRefs.add(registry.address() + "/" + repo + ":" + tag);
        PushedImage image = new ImagePusher(docker, registry).push(hello, repo, tag);
        pushed.add(new String[] {repo, image.digest()});
        return image;
    }

    private static String uniqueRepo() {
        return "dinp-it/hello-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
