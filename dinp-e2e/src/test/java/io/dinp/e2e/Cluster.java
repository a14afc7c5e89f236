package io.dinp.e2e;

import static org.awaitility.Awaitility.await;

import io.dinp.testkit.Docker;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A distributed DINP on this machine: server, two agents (standing for two hosts, sharing the
 * real Docker Engine with distinct node ids), a router and dash, each its own process, with
 * MariaDB and Redis.
 */
final class Cluster implements AutoCloseable {
    final String run = UUID.randomUUID().toString().substring(0, 6);
    final String node1 = "e2e-" + run + "-n1";
    final String node2 = "e2e-" + run + "-n2";
    final int serverPort = Ports.free();
    final int apiPort = Ports.free();
    final int routerPort = Ports.free();
    /** The router's TLS listener, without a default certificate: only redirects from plain HTTP lead there. */
    final int routerTlsPort = Ports.free();
    final Path dataDir;
    final String database = "dinp_e2e_" + run;
    final List<DinpProcess> processes = new ArrayList<>();
    DinpProcess server;
    final Map<String, DinpProcess> agents = new java.util.LinkedHashMap<>();
    Api api;
    RouterClient router;
    private final Map<String, String> env;
    /** Standalone health monitors (`dinp hm`); with any, the server runs none of its own. */
    final Map<String, DinpProcess> hms = new java.util.LinkedHashMap<>();
    private int hmCount;
    private final List<String> serverExtra = new ArrayList<>();

    Cluster() throws IOException {
        dataDir = Files.createTempDirectory("dinp-e2e-");
        env = Map.of("DINP_JOIN_TOKEN", "join-" + UUID.randomUUID(), "DINP_DB_PASSWORD", mariaPassword());
    }

    static String mariaUrl(String db) {
        String base = System.getenv().getOrDefault("DINP_TEST_MARIADB_URL", "jdbc:mariadb://127.0.0.1:3306/dinp_test");
        return base.substring(0, base.lastIndexOf('/') + 1) + db;
    }

    static String mariaUser() {
        return System.getenv().getOrDefault("DINP_TEST_MARIADB_USER", "dinp");
    }

    static String mariaPassword() {
        return System.getenv().getOrDefault("DINP_TEST_MARIADB_PASSWORD", "dinp");
    }

    /** Runs {@code n} separate `dinp hm` processes instead of the server's own monitor. */
    Cluster withHms(int n) {
        hmCount = n;
        return this;
    }

    Cluster withServerArgs(String... args) {
        serverExtra.addAll(List.of(args));
        return this;
    }

    String joinToken() {
        return env.get("DINP_JOIN_TOKEN");
    }

    Cluster start() throws Exception {
        try (var c = DriverManager.getConnection(mariaUrl(""), mariaUser(), mariaPassword())) {
            c.createStatement().execute("CREATE DATABASE " + database + " CHARACTER SET utf8mb4");
        }
        String redis = System.getenv().getOrDefault("DINP_TEST_REDIS_URI", "redis://127.0.0.1:6379");
        List<String> serverArgs = new ArrayList<>(List.of("server", "--port", "" + serverPort, "--redis", redis,
                "--db-url", mariaUrl(database), "--db-user", mariaUser(), "--settle", "2", "--drain", "1",
                "--node-timeout", "3"));
        if (hmCount > 0) {
            serverArgs.add("--no-hm");
        }
        serverArgs.addAll(serverExtra);
        server = new DinpProcess("server-" + run, env, serverArgs.toArray(String[]::new));
        processes.add(server.start());
        awaitHealthy(server, serverPort);
        for (int k = 1; k <= hmCount; k++) {
            String id = "hm" + k + "-" + run;
            DinpProcess hm = new DinpProcess(id, env, "hm", "--server", "http://127.0.0.1:" + serverPort, "--id", id);
            processes.add(hm.start());
            hms.put(id, hm);
        }
        for (String node : List.of(node1, node2)) {
            DinpProcess agent = new DinpProcess("agent-" + node, env, "agent", "--server", "http://127.0.0.1:" + serverPort,
                    "--node-id", node, "--memory", "1024", "--stop-timeout", "2",
                    // two agents share this host: each its own log port and kept logs
                    "--log-port", "0", "--data-dir", dataDir.toString());
            processes.add(agent.start());
            agents.put(node, agent);
        }
        DinpProcess routerProc = new DinpProcess("router-" + run, env, "router", "--port", "" + routerPort,
                "--tls-port", "" + routerTlsPort, "--redis", redis);
        processes.add(routerProc.start());
        awaitHealthy(routerProc, routerPort);
        DinpProcess dash = new DinpProcess("dash-" + run, env, "dash", "--port", "" + apiPort, "--server",
                "http://127.0.0.1:" + serverPort, "--db-url", mariaUrl(database), "--db-user", mariaUser(),
                "--data-dir", dataDir.toString(), "--router-port", "" + routerPort, "--redis", redis);
        processes.add(dash.start());
        awaitHealthy(dash, apiPort);
        String token = Files.readString(dataDir.resolve("admin-token")).trim();
        api = new Api("http://127.0.0.1:" + apiPort, token);
        router = new RouterClient(routerPort);
        await().atMost(Duration.ofSeconds(30)).until(() -> api.ok("GET", "/api/v1/nodes", null).size() == 2);
        return this;
    }

    void restartServer() throws Exception {
        server.stop();
        server.start();
        awaitHealthy(server, serverPort);
    }

    static void awaitHealthy(DinpProcess p, int port) {
        HttpClient http = HttpClient.newHttpClient();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            if (!p.alive()) {
                throw new AssertionError(p.name() + " exited:\n" + p.logTail());
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                return r.statusCode() == 200;
            } catch (IOException e) {
                return false;
            }
        });
    }

    /** Docker container ids of an app's running containers on this cluster's nodes. */
    List<String> containers(String app) {
        List<String> ids = new ArrayList<>();
        for (String node : List.of(node1, node2)) {
            String out = Docker.run("ps", "-q", "--no-trunc", "--filter", "label=io.dinp.node=" + node,
                    "--filter", "label=io.dinp.app=" + app);
            out.lines().filter(l -> !l.isBlank()).forEach(ids::add);
        }
        ids.sort(null);
        return ids;
    }

    @Override
    public void close() throws Exception {
        for (int i = processes.size() - 1; i >= 0; i--) {
            processes.get(i).stop();
        }
        for (String node : List.of(node1, node2)) {
            String ids = Docker.run("ps", "-aq", "--filter", "label=io.dinp.node=" + node);
            for (String id : ids.lines().filter(l -> !l.isBlank()).toList()) {
                Docker.succeeds("rm", "-f", id);
            }
            // an agent killed on purpose could not remove its firewall rule
            io.dinp.testkit.Firewall.removeRulesOf(node);
        }
        Docker.removeUnusedAppNetworks();
        try (var c = DriverManager.getConnection(mariaUrl(""), mariaUser(), mariaPassword())) {
            c.createStatement().execute("DROP DATABASE IF EXISTS " + database);
        }
    }
}
