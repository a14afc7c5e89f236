package io.dinp.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.dinp.testkit.Docker;
import io.dinp.testkit.RedisServerProcess;
import io.dinp.testkit.TestImages;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Issue 9's partition test: one agent runs in a network namespace of its own (its own address,
 * a veth pair to this host, as a second Docker host would be), managing containers on the shared
 * Docker Engine through its unix socket. The namespace is cut off from the server, then healed.
 * Its containers keep running through the partition; after the node timeout the server places
 * replacements on the other agent; once healed, the surplus goes and the app is back at the
 * desired count. A sampler watches the whole time how many instances are healthy and routed (in
 * the route table and answering) and how many containers exist; the longest time below the
 * desired count and the most extra containers go to {@code target/partition.md}, never into an
 * assertion.
 *
 * <p>Instances publish their ports on the host's dockerd, so the agent inside the namespace
 * advertises the host's address (its {@code --address}, here the default 127.0.0.1) for routers
 * to reach them, not the namespace's own.
 */
class PartitionIT {
    static final Duration PATIENCE = Duration.ofSeconds(60);
    static final String APP = "part";
    static final int DESIRED = 2;
    static final int NODE_TIMEOUT = 3;

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    /** What the sampler saw, updated about every 200 ms. */
    static final class Watch {
        volatile long belowSince;
        volatile long longestBelowNanos;
        volatile int fewest = Integer.MAX_VALUE;
        volatile int mostContainers;
        volatile long extraSince;
        volatile long longestExtraNanos;
        volatile int samples;

        void sample(int healthyRouted, int containers, long now) {
            samples++;
            fewest = Math.min(fewest, healthyRouted);
            mostContainers = Math.max(mostContainers, containers);
            if (healthyRouted < DESIRED) {
                belowSince = belowSince == 0 ? now : belowSince;
                longestBelowNanos = Math.max(longestBelowNanos, now - belowSince);
            } else {
                belowSince = 0;
            }
            if (containers > DESIRED) {
                extraSince = extraSince == 0 ? now : extraSince;
                longestExtraNanos = Math.max(longestExtraNanos, now - extraSince);
            } else {
                extraSince = 0;
            }
        }
    }

    @Test
    void aCutOffAgentKeepsItsContainersItsInstancesComeBackElsewhereAndTheSurplusGoesWhenItHeals() throws Exception {
        Assumptions.assumeTrue(NetworkNamespace.available(), "needs root, ip and iptables for a network namespace");
        TestImages.ensureAll();
        Cluster cluster = new Cluster();
        try (NetworkNamespace ns = NetworkNamespace.create(cluster.run); RedisServerProcess redis = new RedisServerProcess()) {
            redis.start(); // its own: tests running at once on one Redis would take each other's routes
            try {
                cluster.withNodeTimeout(NODE_TIMEOUT).withRedis(List.of("--redis", redis.uri()))
                        .withAgentIn(cluster.node2, ns.wrapper(), "https://" + ns.hostAddress + ":" + cluster.serverPort).start();
                partitionAndHeal(cluster, ns);
            } finally {
                cluster.close();
            }
        }
    }

    private void partitionAndHeal(Cluster cluster, NetworkNamespace ns) throws Exception {
        Api api = cluster.api;
        api.ok("POST", "/api/v1/apps", Map.of("name", APP, "image", TestImages.HELLO_V1, "instances", DESIRED, "memory", 64));
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            assertThat(healthyRouted(api)).isEqualTo(DESIRED);
            assertThat(nodesOf(api)).containsExactlyInAnyOrder(cluster.node1, cluster.node2);
        });
        Set<String> cutOff = new HashSet<>(onNode(cluster.node2));
        assertThat(cutOff).hasSize(1);

        Watch watch = new Watch();
        AtomicBoolean watching = new AtomicBoolean(true);
        Thread sampler = Thread.ofPlatform().daemon().name("partition-sampler").start(() -> {
            while (watching.get()) {
                try {
                    watch.sample(healthyRouted(api), cluster.containers(APP).size(), System.nanoTime());
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    // an unanswered sample counts as nothing: the next one decides
                }
            }
        });
        SteadyLoad load = new SteadyLoad("router", cluster.router, APP + ".apps.localhost", 2, 10);
        long cutAt;
        long replacedAt;
        long healedAt;
        long convergedAt;
        SteadyLoad.Mark during;
        SteadyLoad.Mark after;
        try {
            cutAt = System.nanoTime();
            ns.partition();
            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                assertThat(nodeStatus(api, cluster.node2)).isEqualTo("down");
                assertThat(healthyRouted(api)).isEqualTo(DESIRED);
                assertThat(nodesOf(api)).containsOnly(cluster.node1);
            });
            replacedAt = System.nanoTime();
            // the cut-off agent's container never stopped: nobody could tell it to, and it must not on its own
            assertThat(onNode(cluster.node2)).as("the cut-off node's containers still run").containsExactlyInAnyOrderElementsOf(cutOff);
            during = load.mark();

            ns.heal();
            healedAt = System.nanoTime();
            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                assertThat(nodeStatus(api, cluster.node2)).isNotEqualTo("down");
                assertThat(onNode(cluster.node2)).as("the surplus on the healed node").isEmpty();
                assertThat(cluster.containers(APP)).hasSize(DESIRED);
                assertThat(healthyRouted(api)).isEqualTo(DESIRED);
            });
            convergedAt = System.nanoTime();
            after = load.mark().since(during);
        } finally {
            watching.set(false);
            sampler.join(5000);
            load.close();
        }
        assertThat(watch.samples).isPositive();
        assertThat(api.app(APP).get("status").asText()).isEqualTo("running: 2/2 instances running");
        report(watch, during, after, load.takeSamples(), seconds(replacedAt - cutAt), seconds(convergedAt - healedAt));
    }

    /** Instances the server routes to (ready) that also answer at their address: what users get. */
    int healthyRouted(Api api) {
        int n = 0;
        for (JsonNode i : api.instances(APP)) {
            if (i.get("ready").asBoolean() && answers(i.get("address").asText())) {
                n++;
            }
        }
        return n;
    }

    boolean answers(String address) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://" + address + "/")).timeout(Duration.ofSeconds(1)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (Exception e) {
            return false;
        }
    }

    static Set<String> nodesOf(Api api) {
        Set<String> nodes = new HashSet<>();
        api.instances(APP).forEach(i -> nodes.add(i.get("node").asText()));
        return nodes;
    }

    static String nodeStatus(Api api, String node) {
        return StreamSupport.stream(api.ok("GET", "/api/v1/nodes", null).spliterator(), false)
                .filter(n -> n.get("id").asText().equals(node)).findFirst().orElseThrow().get("status").asText();
    }

    /** Ids of the app's running containers on {@code node}. */
    static List<String> onNode(String node) {
        return Docker.run("ps", "-q", "--no-trunc", "--filter", "label=io.dinp.node=" + node, "--filter", "label=io.dinp.app=" + APP)
                .lines().filter(l -> !l.isBlank()).sorted().toList();
    }

    static double seconds(long nanos) {
        return nanos / 1e9;
    }

    static void report(Watch w, SteadyLoad.Mark during, SteadyLoad.Mark after, List<String> failures,
            double replaced, double converged) throws Exception {
        StringBuilder s = new StringBuilder("# Partition\n\n")
                .append("An agent in a network namespace cut off from the server (node timeout ").append(NODE_TIMEOUT)
                .append(" s), then healed; app of ").append(DESIRED).append(" instances, one on each node.\n\n")
                .append(String.format(Locale.ROOT, "- cut to replacements routed: %.1f s%n", replaced))
                .append(String.format(Locale.ROOT, "- longest time with fewer than %d healthy routed instances: %.1f s (fewest seen: %d)%n",
                        DESIRED, seconds(w.longestBelowNanos), w.fewest))
                .append(String.format(Locale.ROOT, "- heal to surplus removed: %.1f s%n", converged))
                .append(String.format(Locale.ROOT, "- most containers at once: %d (desired %d, max surge 1); longest with extra: %.1f s%n",
                        w.mostContainers, DESIRED, seconds(w.longestExtraNanos)))
                .append("- failed/total GETs through the router: ").append(during).append(" cut off, ").append(after)
                .append(" after healing\n");
        failures.forEach(f -> s.append("    ").append(f).append('\n'));
        System.out.println(s);
        Path out = Path.of("target", "partition.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, s);
    }
}
