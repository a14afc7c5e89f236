package io.dinp.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.DockerClient;
import io.dinp.model.ContainerReport;
import io.dinp.model.ContainerState;
import io.dinp.model.InstanceSpec;
import io.dinp.model.Labels;
import io.dinp.registry.ImagePusher;
import io.dinp.registry.PushedImage;
import io.dinp.registry.RegistryClient;
import io.dinp.registry.RegistryCredentials;
import io.dinp.testkit.Docker;
import io.dinp.testkit.TestImages;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An agent whose Docker lacks an instance's image pulls it from the private registry with credentials. */
class RegistryPullIT {
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    private final FakeControlPlane server = new FakeControlPlane();
    private final List<Agent> agents = new ArrayList<>();
    private final String node = "pull-" + UUID.randomUUID().toString().substring(0, 8);
    private final String repo = "it/pull-" + UUID.randomUUID().toString().substring(0, 8);
    private DockerClient docker;
    private RegistryCredentials registry;
    private PushedImage pushed;

    @BeforeEach
    void pushAnImageAndForgetItLocally() {
        String address = System.getenv("DINP_TEST_REGISTRY");
        String passwordFile = System.getenv("DINP_TEST_REGISTRY_PASSWORD_FILE");
        Assumptions.assumeTrue(address != null && passwordFile != null, "no test registry (run ./dinp test)");
        registry = RegistryCredentials.withPasswordFile(address, System.getenv().getOrDefault("DINP_TEST_REGISTRY_USER", "dinp"),
                Path.of(passwordFile));
        docker = DockerClients.create(AgentConfig.DEFAULT_DOCKER_HOST);
        pushed = new ImagePusher(docker, registry).push(TestImages.ensureHello(TestImages.V1), repo, "v1");
        Docker.run("rmi", pushed.reference());
        assertThat(Docker.succeeds("image", "inspect", pushed.pinned())).isFalse();
    }

    @AfterEach
    void cleanUp() throws Exception {
        agents.forEach(Agent::close);
        for (String id : Docker.run("ps", "-aq", "--filter", "label=" + Labels.NODE + "=" + node).lines().filter(l -> !l.isBlank()).toList()) {
            Docker.succeeds("rm", "-f", id);
        }
        if (pushed != null) {
            Docker.succeeds("rmi", pushed.pinned());
            new RegistryClient(registry).delete(repo, pushed.digest());
        }
        if (docker != null) {
            docker.close();
        }
    }

    private void startAgent(List<RegistryCredentials> credentials) {
        Agent agent = new Agent(AgentConfig.of(node).withMemoryMb(1024), server, docker, credentials);
        agents.add(agent);
        agent.start();
    }

    @Test
    void pullsByDigestWithCredentialsAndRuns() {
        startAgent(List.of(registry));
        InstanceSpec spec = new InstanceSpec(node + "-a", "pulled", node, pushed.pinned(), 64, Map.of(), "s1");
        server.assign(node, List.of(spec));
        await().atMost(DEADLINE).untilAsserted(() -> {
            ContainerReport r = server.latest(node, spec.id()).orElseThrow();
            assertThat(r.state()).as(String.valueOf(r.error())).isEqualTo(ContainerState.RUNNING);
            assertThat(r.ready()).isTrue();
        });
    }

    @Test
    void withoutCredentialsThePullFailsAndSaysWhy() {
        startAgent(List.of());
        InstanceSpec spec = new InstanceSpec(node + "-b", "pulled", node, pushed.pinned(), 64, Map.of(), "s1");
        server.assign(node, List.of(spec));
        await().atMost(DEADLINE).untilAsserted(() -> {
            ContainerReport r = server.latest(node, spec.id()).orElseThrow();
            assertThat(r.state()).isEqualTo(ContainerState.FAILED);
            assertThat(r.error()).contains(pushed.pinned()).contains("could not be pulled");
        });
    }
}
