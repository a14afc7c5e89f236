package io.dinp.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.dinp.testkit.Firewall;
import io.dinp.testkit.TestImages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Apps cannot reach each other across nodes except through the router. Other hosts are network
 * namespaces on veth pairs to this host, as Docker hosts of a real cluster are machines on a
 * network: traffic from an app container on another node reaches this node (after that node's
 * SNAT) as traffic from that node's address. From such a "node" an app instance's published port
 * is refused; from a "router host" whose address is in the agents' {@code --allow-from} the app
 * answers, and the real DINP router on this host serves it too. Then the agent's ownership of its
 * rules: a restart does not duplicate them, a killed agent's rules are taken over and changed by
 * the next start with other options, a rule removed behind an agent's back is put back, and a
 * clean stop removes them.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CrossNodeIsolationIT {
    static final Duration PATIENCE = Duration.ofSeconds(60);
    static final String APP = "iso";
    static final String HOST = APP + ".apps.localhost";
    static final String RUN = UUID.randomUUID().toString().substring(0, 6);
    static Cluster cluster;
    static NetNs otherNode;
    static NetNs routerHost;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(uid() == 0,
                "CrossNodeIsolationIT needs root: it makes network namespaces and the agents set iptables rules");
        TestImages.ensureAll();
        int b = freeOctet();
        // two /30s: 10.254.b.0 (the router host) and 10.254.b.4 (another node)
        routerHost = NetNs.create("dinp-iso-" + RUN + "-r", "vi" + RUN + "r", "10.254." + b + ".1", "10.254." + b + ".2");
        otherNode = NetNs.create("dinp-iso-" + RUN + "-o", "vi" + RUN + "o", "10.254." + b + ".5", "10.254." + b + ".6");
        cluster = new Cluster().start();
        // both agents again with the router host allowed (their first start allowed this host only)
        for (String node : List.of(cluster.node1, cluster.node2)) {
            cluster.agents.get(node).stop();
            DinpProcess agent = restart(node, List.of("--allow-from", routerHost.address + "/32"));
            await().atMost(PATIENCE).until(() -> agent.output().contains("firewall: app networks"));
        }
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (cluster != null) {
                cluster.close(); // its agents' rules too, killed ones included
            }
        } finally {
            for (NetNs ns : new NetNs[] {otherNode, routerHost}) {
                if (ns != null) {
                    ns.close();
                }
            }
        }
    }

    static List<JsonNode> instances() {
        return StreamSupport.stream(cluster.api.instances(APP).spliterator(), false).toList();
    }

    static int port(JsonNode instance) {
        String address = instance.get("address").asText();
        return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
    }

    @Test
    @Order(1)
    void onlyTheAllowedHostAndTheRouterReachAnAppAcrossNodes() throws Exception {
        cluster.api.ok("POST", "/api/v1/apps", Map.of("name", APP, "image", TestImages.HELLO_V1, "instances", 2, "memory", 128));
        awaitRunning();
        List<JsonNode> list = instances();

        // the namespaces reach this host at all: the router's own port (INPUT, not an app network) answers both
        assertThat(otherNode.curl(otherNode.hostSide, cluster.routerPort, "/healthz").exit()).isZero();
        assertThat(routerHost.curl(routerHost.hostSide, cluster.routerPort, "/healthz").exit()).isZero();
        for (JsonNode instance : list) {
            int port = port(instance);
            String id = instance.get("id").asText();
            // the router host, in --allow-from: the app answers at this node's address and the published port
            Curl allowed = routerHost.curl(routerHost.hostSide, port, "/");
            assertThat(allowed.exit()).as("from the allowed router host: %s", allowed).isZero();
            assertThat(allowed.out()).startsWith("instance=" + id);
            // another node (an app container there, after its SNAT): refused by the agent's rule
            Curl refused = otherNode.curl(otherNode.hostSide, port, "/");
            assertThat(refused.out()).as("from another node").doesNotContain("instance=");
            assertThat(refused.exit()).as("curl from another node: %s", refused).isEqualTo(7); // could not connect
            assertThat(refused.out()).contains("Failed to connect");
        }
        // and through the real DINP router on this host
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(cluster.router.get(HOST).ok()).isTrue());
        assertThat(RouterClient.instanceOf(cluster.router.get(HOST)))
                .isIn(list.stream().map(i -> i.get("id").asText()).toList());

        // each agent owns exactly its rules: the host rule, the allowed source, the refusal
        for (String node : List.of(cluster.node1, cluster.node2)) {
            assertThat(Firewall.rulesOf(node)).as("rules of " + node).hasSize(3)
                    .anySatisfy(r -> assertThat(r).startsWith("-A INPUT -i dinp+"))
                    .anySatisfy(r -> assertThat(r).startsWith("-A DOCKER-USER -s " + routerHost.address + "/32 -o dinp+").endsWith("RETURN"))
                    .anySatisfy(r -> assertThat(r).startsWith("-A DOCKER-USER -o dinp+").contains("REJECT"));
        }
    }

    @Test
    @Order(2)
    void aKilledAgentsRulesAreTakenOverAndChangedByItsNextStartAndGoWithAStop() throws Exception {
        String node = cluster.node1;
        List<String> before = Firewall.rulesOf(node);
        // meanwhile someone removes a rule of the other agent's (a flush, a firewall service): it puts it back
        List<String> otherRules = Firewall.rulesOf(cluster.node2);
        String refusal = otherRules.stream().filter(r -> r.startsWith("-A DOCKER-USER -o dinp+")).findFirst().orElseThrow();
        sh(Firewall.deleteArgs(refusal).toArray(String[]::new));
        assertThat(Firewall.rulesOf(cluster.node2)).hasSize(otherRules.size() - 1);

        // a crash leaves the rules in place
        cluster.agents.get(node).kill();
        assertThat(Firewall.rulesOf(node)).isEqualTo(before);

        // the same options again: the rules are there once, not twice
        DinpProcess same = restart(node, List.of("--allow-from", routerHost.address));
        await().atMost(PATIENCE).until(() -> same.output().contains("firewall: app networks"));
        assertThat(Firewall.rulesOf(node)).isEqualTo(before);

        // other options: the next start changes its rules to them (at the top of DOCKER-USER, so they decide
        // for this host), and the other node is let in
        same.kill();
        DinpProcess wider = restart(node, List.of("--allow-from", routerHost.address + "," + otherNode.address));
        await().atMost(PATIENCE).until(() -> wider.output().contains("firewall: app networks"));
        assertThat(Firewall.rulesOf(node)).hasSize(4)
                .anySatisfy(r -> assertThat(r).startsWith("-A DOCKER-USER -s " + otherNode.address + "/32 -o dinp+"));
        awaitRunning();
        for (JsonNode instance : instances()) {
            Curl now = otherNode.curl(otherNode.hostSide, port(instance), "/");
            assertThat(now.exit()).as("after --allow-from changed: %s", now).isZero();
            assertThat(now.out()).startsWith("instance=" + instance.get("id").asText());
        }

        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                .until(() -> Firewall.rulesOf(cluster.node2).equals(otherRules));
        assertThat(cluster.agents.get(cluster.node2).output()).contains("changed outside the agent: put them back");

        // a clean stop takes this node's rules away and leaves the other node's, which refuse the other node again
        wider.stop();
        assertThat(Firewall.rulesOf(node)).isEmpty();
        assertThat(Firewall.rulesOf(cluster.node2)).isEqualTo(otherRules);
        for (JsonNode instance : instances()) {
            assertThat(otherNode.curl(otherNode.hostSide, port(instance), "/").exit()).isEqualTo(7);
        }
    }

    static void awaitRunning() {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                assertThat(cluster.api.app(APP).get("status").asText()).isEqualTo("running: 2/2 instances running"));
    }

    /** Starts a new agent process for {@code node} with {@code extra}, in place of the cluster's. */
    private static DinpProcess restart(String node, List<String> extra) throws Exception {
        DinpProcess old = cluster.agents.get(node);
        DinpProcess fresh = cluster.agent(node, cluster.serverUrl()).withArgs(extra);
        cluster.processes.remove(old);
        cluster.processes.add(fresh.start());
        cluster.agents.put(node, fresh);
        return fresh;
    }

    record Curl(int exit, String out) {
    }

    /**
     * A network namespace standing for another host: a veth pair, {@code hostSide} on this host's end,
     * {@code address} inside. Removing the namespace removes the pair.
     */
    static final class NetNs implements AutoCloseable {
        final String name;
        final String hostSide;
        final String address;

        private NetNs(String name, String hostSide, String address) {
            this.name = name;
            this.hostSide = hostSide;
            this.address = address;
        }

        static NetNs create(String name, String veth, String hostSide, String address) throws Exception {
            NetNs ns = new NetNs(name, hostSide, address);
            String peer = veth + "p";
            try {
                sh("ip", "netns", "add", name);
                sh("ip", "link", "add", veth, "type", "veth", "peer", "name", peer);
                sh("ip", "link", "set", peer, "netns", name);
                sh("ip", "addr", "add", hostSide + "/30", "dev", veth);
                sh("ip", "link", "set", veth, "up");
                sh("ip", "netns", "exec", name, "ip", "addr", "add", address + "/30", "dev", peer);
                sh("ip", "netns", "exec", name, "ip", "link", "set", peer, "up");
                sh("ip", "netns", "exec", name, "ip", "link", "set", "lo", "up");
                return ns;
            } catch (Exception | AssertionError e) {
                ns.close();
                run(List.of("ip", "link", "del", veth));
                throw e;
            }
        }

        /** An HTTP GET from inside the namespace, giving up on connecting after 3 s. */
        Curl curl(String host, int port, String path) throws Exception {
            return run(List.of("ip", "netns", "exec", name, "curl", "-sS", "--connect-timeout", "3", "--max-time", "10",
                    "http://" + host + ":" + port + path));
        }

        @Override
        public void close() throws Exception {
            run(List.of("ip", "netns", "del", name));
        }
    }

    /** A third octet for 10.254.X.0/29 that no address of this host uses yet. */
    private static int freeOctet() throws Exception {
        String addresses = run(List.of("ip", "-4", "-o", "addr")).out();
        for (int tries = 0; tries < 64; tries++) {
            int b = ThreadLocalRandom.current().nextInt(256);
            if (!addresses.contains("10.254." + b + ".")) {
                return b;
            }
        }
        throw new AssertionError("no free 10.254.X.0/29 on this host");
    }

    private static long uid() {
        try {
            return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static void sh(String... cmd) throws Exception {
        Curl r = run(List.of(cmd));
        if (r.exit() != 0) {
            throw new AssertionError(String.join(" ", cmd) + " failed (" + r.exit() + "): " + r.out());
        }
    }

    private static Curl run(List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(new ArrayList<>(cmd)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", cmd) + " did not finish");
        }
        return new Curl(p.exitValue(), out);
    }
}
