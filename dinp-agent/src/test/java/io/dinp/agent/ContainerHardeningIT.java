package io.dinp.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Capability;
import io.dinp.common.secret.SecretBox;
import io.dinp.common.secret.SecretKeys;
import io.dinp.model.ContainerReport;
import io.dinp.model.InstanceSpec;
import io.dinp.model.Labels;
import io.dinp.testkit.Docker;
import io.dinp.testkit.TestImages;
import java.io.ByteArrayOutputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Containers as the agent creates them, inspected with docker-java and probed from inside: no
 * capability, no new privileges, a process and a memory limit that hold, a read-only root where
 * the image allows it, nothing of the host mounted, secrets opened only here, and apps that
 * reach each other only through the router's path (the host), not directly.
 */
class ContainerHardeningIT {
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final int PIDS = 64;
    private static DockerClient docker;

    private final FakeControlPlane server = new FakeControlPlane();
    private final List<Agent> agents = new ArrayList<>();
    private final List<String> nodes = new ArrayList<>();
    private final String run = UUID.randomUUID().toString().substring(0, 6);
    private final SecretBox box = new SecretBox(SecretKeys.generate());

    @BeforeAll
    static void images() {
        TestImages.ensureAll();
        docker = DockerClients.create(AgentConfig.DEFAULT_DOCKER_HOST);
    }

    @AfterAll
    static void closeDocker() throws Exception {
        docker.close();
    }

    @AfterEach
    void cleanUp() {
        agents.forEach(Agent::close);
        for (String node : nodes) {
            String ids = Docker.run("ps", "-aq", "--filter", "label=" + Labels.NODE + "=" + node);
            for (String id : ids.lines().filter(l -> !l.isBlank()).toList()) {
                Docker.succeeds("rm", "-f", id);
            }
        }
        for (String net : Docker.run("network", "ls", "-q", "--filter", "name=dinp-sec" + run).lines()
                .filter(l -> !l.isBlank()).toList()) {
            Docker.succeeds("network", "rm", net);
        }
    }

    private String startAgent(ContainerPolicy policy, boolean withKey) {
        String node = "harden-" + run + "-" + nodes.size();
        nodes.add(node);
        Agent agent = new Agent(AgentConfig.of(node).withMemoryMb(2048), server, docker, List.of(), id -> { }, policy,
                withKey ? () -> box : null);
        agents.add(agent);
        agent.start();
        return node;
    }

    private InstanceSpec echo(String node, String app, String id, String secretName, String secretValue) {
        Map<String, String> sealed = Map.of(secretName, box.seal(secretValue, SecretBox.envContext(app, secretName)));
        return new InstanceSpec(node + "-" + id, app, node, TestImages.ENV_ECHO, 64, Map.of("ECHO_VAR", secretName),
                sealed, "spec-" + id);
    }

    private ContainerReport serving(String node, String instanceId) {
        await().atMost(DEADLINE).untilAsserted(() -> {
            ContainerReport r = server.latest(node, instanceId).orElseThrow(() -> new AssertionError("no report yet"));
            assertThat(r.error()).isNull();
            assertThat(r.ready()).isTrue();
        });
        return server.latest(node, instanceId).orElseThrow();
    }

    @Test
    void aContainerHasNoPrivilegesLimitsThatHoldAndItsSecretOpenedInsideOnly() throws Exception {
        String node = startAgent(ContainerPolicy.defaults().withPidsLimit(PIDS).withHostFirewall(false), true);
        String app = "sec" + run + "a";
        String secret = "s3cret-" + UUID.randomUUID();
        InstanceSpec spec = echo(node, app, "i1", "DB_PASSWORD", secret);
        server.assign(node, List.of(spec));
        ContainerReport r = serving(node, spec.id());

        assertThat(http("127.0.0.1", r.hostPort(), "/env")).isEqualTo(secret);
        InspectContainerResponse c = docker.inspectContainerCmd(r.containerId()).exec();
        var host = c.getHostConfig();
        assertThat(host.getCapDrop()).containsExactly(Capability.ALL);
        assertThat(host.getCapAdd()).isNullOrEmpty();
        assertThat(host.getPrivileged()).isFalse();
        assertThat(host.getSecurityOpts()).containsExactly("no-new-privileges:true");
        assertThat(host.getPidsLimit()).isEqualTo(PIDS);
        assertThat(host.getMemory()).isEqualTo(64L << 20);
        assertThat(host.getMemorySwap()).isEqualTo(64L << 20);
        assertThat(host.getReadonlyRootfs()).isTrue();
        assertThat(host.getTmpFs()).containsOnlyKeys("/tmp");
        assertThat(host.getBinds()).isNullOrEmpty();
        assertThat(c.getMounts()).isNullOrEmpty();
        assertThat(host.getNetworkMode()).isEqualTo("dinp-" + app);
        // Docker's own view on the node holds the value (docker inspect shows env); dinp's labels do not
        assertThat(List.of(c.getConfig().getEnv())).contains("DB_PASSWORD=" + secret);
        assertThat(c.getConfig().getLabels().toString()).doesNotContain(secret);

        Exec socket = exec(r.containerId(), "test -e /var/run/docker.sock || test -e /run/docker.sock; echo $?");
        assertThat(socket.out().strip()).as("no Docker socket inside").isEqualTo("1");
        assertThat(exec(r.containerId(), "touch /written 2>&1; echo $?").out()).contains("Read-only file system");
        assertThat(exec(r.containerId(), "touch /tmp/written && echo ok").out().strip()).isEqualTo("ok");
        assertThat(exec(r.containerId(), "grep -E '^Cap(Eff|Prm|Bnd)' /proc/self/status").out())
                .contains("CapEff:\t0000000000000000", "CapBnd:\t0000000000000000");
        assertThat(exec(r.containerId(), "grep NoNewPrivs /proc/self/status").out()).contains("NoNewPrivs:\t1");

        // a fork bomb stops at the limit; the app keeps serving
        Exec bomb = exec(r.containerId(), "i=0; while [ $i -lt " + (PIDS * 2) + " ]; do sleep 30 & i=$((i+1)); done; echo started $i");
        assertThat(bomb.out()).contains("can't fork").doesNotContain("started " + PIDS * 2);
        assertThat(http("127.0.0.1", r.hostPort(), "/")).isEqualTo("ok");
        docker.killContainerCmd(r.containerId()).exec(); // the sleeps hold every process slot: start afresh

        // memory beyond the limit: the allocating process is killed, not the node's
        InstanceSpec again = echo(node, app, "i2", "DB_PASSWORD", secret);
        server.assign(node, List.of(again));
        ContainerReport r2 = serving(node, again.id());
        exec(r2.containerId(), "head -c 200000000 /dev/zero | tail > /dev/null; echo exit $?");
        // the kernel killed within the container's own limit: its memory cgroup counts the kill (which task
        // it chose varies: usually tail, now and then the shell around it, whose output is then lost)
        String oom = exec(r2.containerId(), "cat /sys/fs/cgroup/memory.events /sys/fs/cgroup/memory/memory.oom_control 2>/dev/null").out();
        assertThat(oom).containsPattern("oom_kill [1-9]");
        assertThat(http("127.0.0.1", r2.hostPort(), "/")).isEqualTo("ok");
    }

    @Test
    void anImageWithoutTheReadOnlyLabelKeepsAWritableRoot() throws Exception {
        String node = startAgent(ContainerPolicy.defaults().withHostFirewall(false), false);
        InstanceSpec hello = new InstanceSpec(node + "-h", "sec" + run + "h", node, TestImages.HELLO_V1, 64, Map.of(), "spec-h");
        server.assign(node, List.of(hello));
        ContainerReport r = serving(node, hello.id());
        var host = docker.inspectContainerCmd(r.containerId()).exec().getHostConfig();
        assertThat(host.getReadonlyRootfs()).isFalse();
        assertThat(host.getCapDrop()).containsExactly(Capability.ALL);
        assertThat(host.getPidsLimit()).isEqualTo(ContainerPolicy.DEFAULT_PIDS_LIMIT);
        assertThat(http("127.0.0.1", r.hostPort(), "/")).startsWith("instance=" + hello.id());
    }

    @Test
    void anAgentWithoutTheKeyFailsTheInstanceNamingTheVariableNotItsValue() {
        String node = startAgent(ContainerPolicy.defaults().withHostFirewall(false), false);
        InstanceSpec spec = echo(node, "sec" + run + "k", "i1", "API_TOKEN", "tok-" + run);
        server.assign(node, List.of(spec));
        await().atMost(DEADLINE).untilAsserted(() -> assertThat(server.latest(node, spec.id()))
                .hasValueSatisfying(c -> assertThat(c.error()).contains("API_TOKEN", "--secret-key-file")
                        .doesNotContain("tok-" + run)));
        assertThat(Docker.succeeds("inspect", ContainerLauncher.containerName(spec.id()))).isFalse();
    }

    @Test
    void appsReachEachOtherOnlyThroughTheHostAndTheFirewallClosesThatToo() throws Exception {
        String node = startAgent(ContainerPolicy.defaults(), true);
        String appA = "sec" + run + "x";
        String appB = "sec" + run + "y";
        InstanceSpec a = echo(node, appA, "a", "S", "a-secret");
        InstanceSpec b = echo(node, appB, "b", "S", "b-secret");
        InstanceSpec b2 = echo(node, appB, "b2", "S", "b-secret");
        server.assign(node, List.of(a, b, b2));
        ContainerReport ra = serving(node, a.id());
        ContainerReport rb = serving(node, b.id());
        ContainerReport rb2 = serving(node, b2.id());
        String bIp = ip(rb.containerId(), appB);
        String aGateway = gateway(ra.containerId(), appA);
        String hostIp = hostAddress();

        // the router's path: the host reaches every published port
        assertThat(http("127.0.0.1", rb.hostPort(), "/env")).isEqualTo("b-secret");
        assertThat(http(hostIp, rb.hostPort(), "/env")).isEqualTo("b-secret");
        // the tool works inside: a container reaches its own app
        assertThat(fetch(ra.containerId(), "127.0.0.1", 8080, "/env")).isEqualTo("a-secret");
        // another app's container, directly: dropped between networks
        assertThat(fetch(ra.containerId(), bIp, 8080, "/env")).doesNotContain("b-secret");
        // an instance of the same app, directly: inter-container traffic is off inside an app network too
        assertThat(fetch(rb2.containerId(), bIp, 8080, "/env")).doesNotContain("b-secret");
        // another app's published port through the host's addresses: refused by the firewall
        assertThat(fetch(ra.containerId(), aGateway, rb.hostPort(), "/env")).doesNotContain("b-secret");
        assertThat(fetch(ra.containerId(), hostIp, rb.hostPort(), "/env")).doesNotContain("b-secret");
        assertThat(Docker.run("network", "inspect", "-f", "{{index .Options \"com.docker.network.bridge.enable_icc\"}}",
                "dinp-" + appB).strip()).isEqualTo("false");

        // the control: without the rule (the agent removes its own when it stops) that path is open where
        // Docker's userland proxy serves published ports (the connection is the host's own, to docker-proxy);
        // without the proxy (./dinp's daemon.json) Docker DNATs it, and its isolation between bridge
        // networks drops it in FORWARD, rule or not
        boolean userlandProxy = userlandProxyServes(rb.hostPort());
        agents.getLast().close();
        assertThat(iptablesHasRule(node)).isFalse();
        if (userlandProxy) {
            assertThat(fetch(ra.containerId(), hostIp, rb.hostPort(), "/env")).isEqualTo("b-secret");
        } else {
            assertThat(fetch(ra.containerId(), hostIp, rb.hostPort(), "/env")).doesNotContain("b-secret");
        }
    }

    /** Whether a docker-proxy process serves this host port (Docker's "userland-proxy", on unless daemon.json turns it off). */
    private static boolean userlandProxyServes(int hostPort) throws Exception {
        Process p = new ProcessBuilder("pgrep", "-af", "docker-proxy").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        return out.lines().anyMatch(l -> l.contains("-host-port " + hostPort + " "));
    }

    @Test
    void anAppsNetworkGoesWithItsLastInstance() {
        String node = startAgent(ContainerPolicy.defaults().withHostFirewall(false), true);
        String app = "sec" + run + "n";
        InstanceSpec spec = echo(node, app, "n1", "S", "v");
        server.assign(node, List.of(spec));
        serving(node, spec.id());
        assertThat(Docker.succeeds("network", "inspect", "dinp-" + app)).isTrue();
        server.assign(node, List.of());
        await().atMost(DEADLINE).untilAsserted(() -> assertThat(Docker.succeeds("network", "inspect", "dinp-" + app)).isFalse());
    }

    record Exec(long exitCode, String out) {
    }

    /** Runs a shell line in the container; stdout and stderr together. */
    private static Exec exec(String containerId, String line) throws Exception {
        var created = docker.execCreateCmd(containerId).withCmd("sh", "-c", line).withAttachStdout(true).withAttachStderr(true).exec();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        docker.execStartCmd(created.getId()).exec(new com.github.dockerjava.api.async.ResultCallback.Adapter<com.github.dockerjava.api.model.Frame>() {
            @Override
            public void onNext(com.github.dockerjava.api.model.Frame f) {
                out.writeBytes(f.getPayload());
            }
        }).awaitCompletion(60, TimeUnit.SECONDS);
        Long code = docker.inspectExecCmd(created.getId()).exec().getExitCodeLong();
        return new Exec(code == null ? -1 : code, out.toString(StandardCharsets.UTF_8));
    }

    /** What a plain HTTP/1.0 GET from inside the container gets within 3 s: the body, or nc's complaint. */
    private static String fetch(String containerId, String host, int port, String path) throws Exception {
        String out = exec(containerId, "printf 'GET " + path + " HTTP/1.0\\r\\n\\r\\n' | nc -w 3 " + host + " " + port
                + " 2>&1 | tail -1").out();
        return out.strip();
    }

    private static String http(String host, int port, String path) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + path))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return response.body().strip();
        }
    }

    private static String ip(String containerId, String app) {
        return docker.inspectContainerCmd(containerId).exec().getNetworkSettings().getNetworks().get("dinp-" + app).getIpAddress();
    }

    private static String gateway(String containerId, String app) {
        return docker.inspectContainerCmd(containerId).exec().getNetworkSettings().getNetworks().get("dinp-" + app).getGateway();
    }

    /** An address of this host that is neither loopback nor a bridge of Docker's: where remote routers connect. */
    private static String hostAddress() throws Exception {
        for (NetworkInterface nic : NetworkInterface.networkInterfaces().toList()) {
            String name = nic.getName();
            if (!nic.isUp() || nic.isLoopback() || name.startsWith("docker") || name.startsWith("br-") || name.startsWith("dinp")
                    || name.startsWith("veth")) {
                continue;
            }
            for (InetAddress a : nic.inetAddresses().toList()) {
                if (a instanceof Inet4Address) {
                    return a.getHostAddress();
                }
            }
        }
        throw new AssertionError("this host has no address besides loopback and Docker's bridges");
    }

    private static boolean iptablesHasRule(String node) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("iptables", "-w", "5", "-C"));
        cmd.addAll(HostFirewall.rule(node));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor() == 0;
    }
}
