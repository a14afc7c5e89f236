package io.dinp.e2e;

import io.dinp.testkit.Docker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code dinp up} as its own process for a test: everything in one JVM on H2 and the real Docker
 * Engine, with its own node id, data directory and ports; closing it removes its containers.
 */
final class OneJvm implements AutoCloseable {
    final String node;
    final Path data;
    final int apiPort = Ports.free();
    final int routerPort = Ports.free();
    final DinpProcess process;
    Api api;
    RouterClient router;
    String token;
    /** Whether the API listens beyond loopback, hence on HTTPS with a CA of its own. */
    private final boolean tls;

    /** @param extra more options of {@code dinp up}, e.g. {@code --registry} */
    OneJvm(String prefix, int memoryMb, String... extra) throws IOException {
        node = prefix + "-" + UUID.randomUUID().toString().substring(0, 6);
        data = Files.createTempDirectory("dinp-" + prefix + "-");
        List<String> args = new ArrayList<>(List.of("up", "--data-dir", data.toString(), "--api-port", "" + apiPort,
                "--router-port", "" + routerPort, "--node-id", node, "--memory", "" + memoryMb, "--stop-timeout", "2"));
        args.addAll(List.of(extra));
        tls = args.contains("--bind") && !args.get(args.indexOf("--bind") + 1).startsWith("127.");
        process = new DinpProcess("up-" + node, Map.of(), args.toArray(String[]::new));
    }

    OneJvm start() throws IOException {
        process.start();
        javax.net.ssl.SSLContext trust = null;
        if (tls) {
            Path ca = caFile();
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).until(() -> Files.exists(ca) || !process.alive());
            trust = Cluster.trusting(io.dinp.pki.Pem.certificate(Files.readString(ca)));
        }
        Cluster.awaitHealthy(process, base(), trust);
        token = Files.readString(data.resolve("admin-token")).trim();
        api = new Api(base(), token, trust);
        router = new RouterClient(routerPort);
        return this;
    }

    String base() {
        return (tls ? "https" : "http") + "://127.0.0.1:" + apiPort;
    }

    /** The CA {@code dinp up} made for its API's certificate when it listens beyond loopback. */
    Path caFile() {
        return data.resolve("pki/ca/ca.pem");
    }

    /** Ids of this node's containers, in any state. */
    List<String> containers() {
        return Docker.run("ps", "-aq", "--filter", "label=io.dinp.node=" + node).lines().filter(l -> !l.isBlank()).toList();
    }

    @Override
    public void close() throws InterruptedException {
        process.stop();
        for (String id : containers()) {
            Docker.succeeds("rm", "-f", id);
        }
        io.dinp.testkit.Firewall.removeRulesOf(node);
        Docker.removeUnusedAppNetworks();
    }
}
