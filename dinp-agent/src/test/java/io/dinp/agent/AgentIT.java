package io.dinp.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.DockerClient;
import io.dinp.model.ContainerReport;
import io.dinp.model.ContainerState;
import io.dinp.model.InstanceSpec;
import io.dinp.model.Labels;
import io.dinp.model.NodeReport;
import io.dinp.testkit.Docker;
import io.dinp.testkit.TestImages;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AgentIT {
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    /** Long enough that only events and triggers can explain a prompt report. */
    private static final Duration NO_HEARTBEAT = Duration.ofHours(1);
    private static DockerClient docker;

    private final FakeControlPlane server = new FakeControlPlane();
    private final List<Agent> agents = new ArrayList<>();
    private final List<String> nodes = new ArrayList<>();
    private final List<String> extraContainers = new ArrayList<>();

    @BeforeAll
    static void images() {
        TestImages.ensureAll();
        docker = DockerClients.create(AgentConfig.DEFAULT_DOCKER_HOST);
    }

    @AfterAll
    static void closeDocker() throws IOException {
        docker.close();
    }

    @AfterEach
    void cleanUp() {
        agents.forEach(Agent::close);
        for (String node : nodes) {
            String ids = Docker.run("ps", "-aq", "--filter", "label=" + Labels.NODE + "=" + node);
            if (!ids.isBlank()) {
                List<String> args = new ArrayList<>(List.of("rm", "-f"));
                args.addAll(List.of(ids.split("\\s+")));
                Docker.run(args.toArray(String[]::new));
            }
        }
        extraContainers.forEach(name -> Docker.succeeds("rm", "-f", name));
    }

    @Test
    void createsAssignedInstancesThatServeAndReportReady() throws Exception {
        String node = startAgent(AgentConfig.DEFAULT_HEARTBEAT);
        InstanceSpec a = hello(node, "a", Map.of("GREETING", "hi"));
        InstanceSpec b = hello(node, "b", Map.of());
        server.assign(node, List.of(a, b));

        await().atMost(DEADLINE).untilAsserted(() -> {
            assertServing(node, a.id());
            assertServing(node, b.id());
        });

        ContainerReport ra = report(node, a.id());
        String name = ContainerLauncher.containerName(a.id());
        assertThat(inspect(name, "{{.Id}}")).isEqualTo(ra.containerId());
        assertThat(inspect(name, "{{index .Config.Labels \"io.dinp.managed\"}} {{index .Config.Labels \"io.dinp.app\"}} "
                + "{{index .Config.Labels \"io.dinp.instance\"}} {{index .Config.Labels \"io.dinp.node\"}} "
                + "{{index .Config.Labels \"io.dinp.spec\"}} {{index .Config.Labels \"io.dinp.memory\"}}"))
                .isEqualTo("true hello " + a.id() + " " + node + " " + a.specHash() + " 64");
        assertThat(inspect(name, "{{.HostConfig.Memory}} {{.HostConfig.MemorySwap}}"))
                .isEqualTo(64L * 1024 * 1024 + " " + 64L * 1024 * 1024);
        assertThat(inspect(name, "{{.HostConfig.Init}}")).isEqualTo("true");
        // Docker stores "no restart" as an empty name
        assertThat(inspect(name, "{{.HostConfig.RestartPolicy.Name}}")).isIn("", "no");
        assertThat(inspect(name, "{{json .Config.Env}}"))
                .contains("\"PORT=8080\"", "\"DINP_APP=hello\"", "\"DINP_INSTANCE=" + a.id() + "\"", "\"GREETING=hi\"");
        assertThat(ra.memoryMb()).isEqualTo(64);
        assertThat(ra.specHash()).isEqualTo(a.specHash());
        assertThat(ra.image()).isEqualTo(TestImages.HELLO_V1);
        assertThat(get(ra.hostPort())).isEqualTo("instance=" + a.id() + " version=" + TestImages.V1);
        assertThat(get(report(node, b.id()).hostPort()))
                .isEqualTo("instance=" + b.id() + " version=" + TestImages.V1);
    }

    @Test
    void removesAnInstanceThatLeftTheAssignmentAndKeepsTheOther() {
        String node = startAgent(AgentConfig.DEFAULT_HEARTBEAT);
        InstanceSpec a = hello(node, "a", Map.of());
        InstanceSpec b = hello(node, "b", Map.of());
        server.assign(node, List.of(a, b));
        await().atMost(DEADLINE).untilAsserted(() -> {
            assertServing(node, a.id());
            assertServing(node, b.id());
        });
        String keptId = report(node, a.id()).containerId();

        server.assign(node, List.of(a));

        await().atMost(DEADLINE).untilAsserted(() -> {
            assertThat(Docker.succeeds("inspect", ContainerLauncher.containerName(b.id()))).isFalse();
            assertThat(server.latest(node, b.id())).isEmpty();
        });
        assertServing(node, a.id());
        assertThat(report(node, a.id()).containerId()).isEqualTo(keptId);
    }

    @Test
    void reportsAnInstanceRemovedFromOutsideAsGonePromptly() {
        String node = startAgent(NO_HEARTBEAT);
        InstanceSpec a = hello(node, "a", Map.of());
        server.assign(node, List.of(a));
        await().atMost(DEADLINE).untilAsserted(() -> assertServing(node, a.id()));

        Docker.run("rm", "-f", ContainerLauncher.containerName(a.id()));

        await().atMost(DEADLINE).untilAsserted(() -> {
            ContainerReport r = report(node, a.id());
            assertThat(r.state()).isEqualTo(ContainerState.GONE);
            assertThat(r.ready()).isFalse();
        });
        // the agent never recreates an instance id: the server decides what replaces it
        assertThat(Docker.succeeds("inspect", ContainerLauncher.containerName(a.id()))).isFalse();
    }

    @Test
    void reportsACrashedInstanceAsExitedWithItsCode() {
        String node = startAgent(NO_HEARTBEAT);
        InstanceSpec crash = new InstanceSpec(node + "-crash", "crash", node, TestImages.CRASH, 32, Map.of(), "c1");
        server.assign(node, List.of(crash));

        await().atMost(DEADLINE).untilAsserted(() -> {
            ContainerReport r = report(node, crash.id());
            assertThat(r.state()).isEqualTo(ContainerState.EXITED);
            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.error()).isEqualTo("exited with code 1");
        });
    }

    @Test
    void scalesFromZeroToTenInParallel() {
        String node = startAgent(AgentConfig.DEFAULT_HEARTBEAT);
        List<InstanceSpec> ten = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ten.add(hello(node, "s" + i, Map.of()));
        }
        server.assign(node, ten);

        await().atMost(DEADLINE).untilAsserted(() -> ten.forEach(s -> assertServing(node, s.id())));
        assertThat(server.latest(node).containers()).hasSize(10);
        assertThat(Docker.run("ps", "-q", "--filter", "label=" + Labels.NODE + "=" + node).split("\\s+")).hasSize(10);
    }

    @Test
    void twoAgentsOnOneDockerKeepToTheirOwnContainers() {
        String nodeA = startAgent(AgentConfig.DEFAULT_HEARTBEAT);
        String nodeB = startAgent(AgentConfig.DEFAULT_HEARTBEAT);
        InstanceSpec a = hello(nodeA, "a", Map.of());
        InstanceSpec b = hello(nodeB, "b", Map.of());
        server.assign(nodeA, List.of(a));
        server.assign(nodeB, List.of(b));
        await().atMost(DEADLINE).untilAsserted(() -> {
            assertServing(nodeA, a.id());
            assertServing(nodeB, b.id());
        });
        String bContainer = report(nodeB, b.id()).containerId();

        server.assign(nodeA, List.of());

        await().atMost(DEADLINE).untilAsserted(() ->
                assertThat(Docker.succeeds("inspect", ContainerLauncher.containerName(a.id()))).isFalse());
        assertThat(inspect(bContainer, "{{.State.Status}}")).isEqualTo("running");
        assertServing(nodeB, b.id());
        assertThat(server.reports(nodeA)).flatMap(NodeReport::containers)
                .extracting(ContainerReport::instanceId).doesNotContain(b.id());
        assertThat(server.reports(nodeB)).flatMap(NodeReport::containers)
                .extracting(ContainerReport::instanceId).doesNotContain(a.id());
    }

    @Test
    void removesOnlyStrayContainersLabelledForItsOwnNode() {
        String node = newNodeId();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String plain = runByHand("dinp-it-plain-" + suffix);
        String otherNode = runByHand("dinp-it-other-" + suffix,
                "--label", Labels.MANAGED + "=true", "--label", Labels.NODE + "=" + node + "-other",
                "--label", Labels.INSTANCE + "=other-" + suffix);
        String stray = runByHand("dinp-it-stray-" + suffix,
                "--label", Labels.MANAGED + "=true", "--label", Labels.NODE + "=" + node,
                "--label", Labels.INSTANCE + "=stray-" + suffix);
        startAgent(node, AgentConfig.DEFAULT_HEARTBEAT);
        // the agent's first converge against the empty assignment must remove the stray one

        await().atMost(DEADLINE).untilAsserted(() -> assertThat(Docker.succeeds("inspect", stray)).isFalse());
        assertThat(inspect(plain, "{{.State.Status}}")).isEqualTo("running");
        assertThat(inspect(otherNode, "{{.State.Status}}")).isEqualTo("running");
        assertThat(server.reports(node)).flatMap(NodeReport::containers)
                .extracting(ContainerReport::instanceId).doesNotContain("other-" + suffix);
    }

    @Test
    void reportsAnUnknownImageAsFailedWithAClearError() {
        String node = startAgent(NO_HEARTBEAT);
        String image = "dinp-test/no-such-image:v9";
        InstanceSpec missing = new InstanceSpec(node + "-missing", "missing", node, image, 64, Map.of(), "m1");
        server.assign(node, List.of(missing));

        await().atMost(DEADLINE).untilAsserted(() -> {
            ContainerReport r = report(node, missing.id());
            assertThat(r.state()).isEqualTo(ContainerState.FAILED);
            assertThat(r.error()).contains("image \"" + image + "\" not found");
        });
        assertThat(Docker.succeeds("inspect", ContainerLauncher.containerName(missing.id()))).isFalse();
    }

    private String startAgent(Duration heartbeat) {
        return startAgent(newNodeId(), heartbeat);
    }

    private String startAgent(String node, Duration heartbeat) {
        if (!nodes.contains(node)) {
            nodes.add(node);
        }
        AgentConfig config = AgentConfig.of(node).withMemoryMb(2048).withHeartbeat(heartbeat);
        Agent agent = new Agent(config, server, docker);
        agents.add(agent);
        agent.start();
        return node;
    }

    private String newNodeId() {
        String node = "it-" + UUID.randomUUID().toString().substring(0, 8);
        nodes.add(node);
        return node;
    }

    private static InstanceSpec hello(String node, String name, Map<String, String> env) {
        return new InstanceSpec(node + "-" + name, "hello", node, TestImages.HELLO_V1, 64, env, "spec-v1");
    }

    private String runByHand(String name, String... labels) {
        // --init like the agent's own containers, so the stop is quick
        List<String> args = new ArrayList<>(List.of("run", "-d", "--init", "--name", name));
        args.addAll(List.of(labels));
        args.add(TestImages.HELLO_V1);
        extraContainers.add(name);
        Docker.run(args.toArray(String[]::new));
        return name;
    }

    /** The latest report of the instance; an AssertionError (which Awaitility retries) while there is none. */
    private ContainerReport report(String node, String instanceId) {
        return server.latest(node, instanceId).orElseThrow(() -> new AssertionError("no report of " + instanceId + " yet"));
    }

    private void assertServing(String node, String instanceId) {
        ContainerReport r = report(node, instanceId);
        assertThat(r.state()).isEqualTo(ContainerState.RUNNING);
        assertThat(r.ready()).isTrue();
        assertThat(r.hostPort()).isPositive();
        assertThat(r.error()).isNull();
    }

    private static String inspect(String container, String format) {
        return Docker.run("inspect", "-f", format, container);
    }

    private static String get(int port) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            return response.body().trim();
        }
    }
}
