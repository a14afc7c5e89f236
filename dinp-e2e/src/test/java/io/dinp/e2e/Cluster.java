package io.dinp.e2e;

import static org.awaitility.Awaitility.await;

import io.dinp.testkit.Docker;
import io.dinp.testkit.SharedRedis;
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
import javax.net.ssl.SSLContext;

/**
 * A distributed DINP on this machine: server, two agents (standing for two hosts, sharing the
 * real Docker Engine with distinct node ids), a router and dash, each its own process, with
 * MariaDB and Redis. Secured as in production: the server makes its CA, dash joins through the
 * database and serves HTTPS, agents and monitors join with one-time tokens made through the API.
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
    /** The first server; with {@link #withServers} more, all of them are in {@link #servers}. */
    DinpProcess server;
    final List<DinpProcess> servers = new ArrayList<>();
    final List<Integer> serverPorts = new ArrayList<>(List.of(serverPort));
    final Map<String, DinpProcess> agents = new java.util.LinkedHashMap<>();
    Api api;
    RouterClient router;
    private Map<String, String> env;
    /** The router every test reaches through {@link #router}; more with {@link #startRouter}. */
    DinpProcess routerProcess;
    DinpProcess dash;
    /** `dinp builder` on loopback (plain HTTP) over this cluster's database, once {@link #startBuilder} ran. */
    DinpProcess builder;
    int builderPort;
    private int nodeTimeout = 3;
    /** Redis options of every role, and the database; the shared ones unless {@link #withStores}. */
    private List<String> redisOptions;
    String dbUrl;
    private String dbUser = mariaUser();
    /** Whether the test brought its own database: then this cluster neither creates nor drops it. */
    private boolean ownDatabase;
    /** Per node: a command the agent runs inside (e.g. {@code ip netns exec NS}) and the server URL it uses. */
    private final Map<String, List<String>> agentWrappers = new java.util.HashMap<>();
    private boolean launcherAgents;
    private final Map<String, String> agentServerUrls = new java.util.HashMap<>();
    /** Standalone health monitors (`dinp hm`); with any, the server runs none of its own. */
    final Map<String, DinpProcess> hms = new java.util.LinkedHashMap<>();
    private int hmCount;
    private final List<String> serverExtra = new ArrayList<>();
    /** With {@link #withMetrics()}: each process' --metrics-port, by process name. */
    final Map<String, Integer> metricsPorts = new java.util.LinkedHashMap<>();
    private boolean metrics;
    /** The server's own data directory: the cluster CA lives there, apart from the others' certificates. */
    final Path serverDir;
    final String dashId = "dash-" + run;
    /** The one-time token each agent and monitor joined with, by process name. */
    final Map<String, String> joinTokens = new java.util.LinkedHashMap<>();
    /** Trusts the cluster CA for dash's HTTPS, host names checked as a user's client would. */
    javax.net.ssl.SSLContext apiTls;

    Cluster() throws IOException {
        dataDir = Files.createTempDirectory("dinp-e2e-");
        serverDir = dataDir.resolve("server");
        env = Map.of("DINP_DB_PASSWORD", mariaPassword());
        dbUrl = mariaUrl(database);
    }

    /** Seconds of silence before the server calls a node down (default here 3). */
    Cluster withNodeTimeout(int seconds) {
        nodeTimeout = seconds;
        return this;
    }

    /**
     * Data stores of the test's own instead of the shared ones, for tests that restart them: the
     * roles' Redis options, and a database that exists already (this cluster neither creates nor drops it).
     */
    Cluster withStores(List<String> redis, String url, String user, String password) {
        withRedis(redis);
        dbUrl = url;
        dbUser = user;
        env = Map.of("DINP_DB_PASSWORD", password);
        ownDatabase = true;
        return this;
    }

    /**
     * A Redis of the test's own (the roles' Redis options): the route keys are the same in every
     * cluster, so clusters of tests running at once on one Redis would take each other's routes.
     */
    Cluster withRedis(List<String> redis) {
        redisOptions = List.copyOf(redis);
        return this;
    }

    /** Runs {@code node}'s agent inside {@code wrapper} (e.g. a network namespace), reaching the server at {@code url}. */
    Cluster withAgentIn(String node, List<String> wrapper, String url) {
        agentWrappers.put(node, List.copyOf(wrapper));
        agentServerUrls.put(node, url);
        return this;
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

    /** The agents run with the JVM flags and environment ./dinp gives them (scripts/lib.sh), not -Xmx256m. */
    Cluster withLauncherAgents() {
        launcherAgents = true;
        return this;
    }

    /** Runs {@code n} separate `dinp hm` processes instead of the server's own monitor. */
    Cluster withHms(int n) {
        hmCount = n;
        return this;
    }

    /** Every process serves /metrics and /healthz on a port of its own ({@link #metricsPorts}). */
    Cluster withMetrics() {
        metrics = true;
        return this;
    }

    /** {@code args} plus --metrics-port when {@link #withMetrics()}, the port noted under {@code name}. */
    private String[] measured(String name, List<String> args) {
        List<String> out = new ArrayList<>(args);
        if (metrics) {
            int port = metricsPorts.computeIfAbsent(name, n -> Ports.free());
            out.addAll(List.of("--metrics-port", "" + port));
        }
        return out.toArray(String[]::new);
    }

    /**
     * Runs {@code n} servers against the same database and CA, started at once; one leads.
     * Clients get all of them (--server URL1,URL2,…).
     */
    Cluster withServers(int n) {
        while (serverPorts.size() < n) {
            serverPorts.add(Ports.free());
        }
        return this;
    }

    Cluster withServerArgs(String... args) {
        serverExtra.addAll(List.of(args));
        return this;
    }

    /** The environment every process of this cluster gets (the database password). */
    Map<String, String> env() {
        return env;
    }

    /** Every server's control API, as clients are given them. */
    String serverUrl() {
        return String.join(",", serverPorts.stream().map(p -> "https://127.0.0.1:" + p).toList());
    }

    String serverUrl(int i) {
        return "https://127.0.0.1:" + serverPorts.get(i);
    }

    /** The cluster CA's certificate, as the server wrote it. */
    java.security.cert.X509Certificate ca() throws IOException {
        return io.dinp.pki.Pem.certificate(Files.readString(serverDir.resolve("pki/ca/ca.pem")));
    }

    /** A client of the control API (or of agents' log endpoints) presenting dash's certificate. */
    HttpClient asDash(io.dinp.pki.Role peer) throws IOException {
        var creds = io.dinp.pki.CredentialFiles.in(dataDir, new io.dinp.pki.Identity(io.dinp.pki.Role.DASH, dashId)).load().orElseThrow();
        return new io.dinp.common.pki.ClusterIdentity(creds, null, java.time.Clock.systemUTC()).httpClient(peer).get();
    }

    /** A one-time join token from the API, written to a file of mode 600 for a process to read. */
    Path tokenFile(String name, String role) throws IOException {
        String token = api.ok("POST", "/api/v1/nodes/tokens", Map.of("role", role, "ttl", "10m")).get("token").asText();
        joinTokens.put(name, token);
        Path file = dataDir.resolve("tokens").resolve(name);
        io.dinp.pki.SecretFiles.write(file, token);
        return file;
    }

    /** An agent process for {@code node}, joining with a new token unless it has a certificate already. */
    DinpProcess agent(String node, String server) throws IOException {
        DinpProcess agent = new DinpProcess("agent-" + node, env, agentWrappers.getOrDefault(node, List.of()),
                measured("agent-" + node, List.of("agent", "--server", server,
                "--join-token-file", tokenFile("agent-" + node, "node").toString(), "--node-id", node, "--memory", "1024",
                "--stop-timeout", "2",
                // two agents share this host: each its own log port and kept logs
                "--log-port", "0", "--data-dir", dataDir.toString())));
        if (launcherAgents) {
            try {
                agent.withLauncherJvm("agent");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }
        return agent;
    }

    Cluster start() throws Exception {
        if (!ownDatabase) {
            try (var c = DriverManager.getConnection(mariaUrl(""), mariaUser(), mariaPassword())) {
                c.createStatement().execute("CREATE DATABASE " + database + " CHARACTER SET utf8mb4");
            }
        }
        // the shared Redis as ./dinp test set it up: TLS and a password when it has them
        List<String> redis = redisOptions != null ? redisOptions : SharedRedis.options();
        if (serverPorts.size() > 1) {
            // one CA for all, made before they start at once (each would otherwise make its own)
            io.dinp.pki.CaFiles.loadOrCreate(serverDir.resolve("pki").resolve("ca"), "DINP cluster CA", java.time.Instant.now());
        }
        for (int port : serverPorts) {
            List<String> serverArgs = new ArrayList<>(List.of("server", "--port", "" + port,
                    "--data-dir", serverDir.toString(), "--advertise", "https://127.0.0.1:" + port,
                    "--db-url", dbUrl, "--db-user", dbUser, "--settle", "2", "--drain", "1",
                    "--node-timeout", "" + nodeTimeout));
            serverArgs.addAll(redis);
            if (hmCount > 0) {
                serverArgs.add("--no-hm");
            }
            serverArgs.addAll(serverExtra);
            String name = servers.isEmpty() ? "server-" + run : "server" + (servers.size() + 1) + "-" + run;
            servers.add(new DinpProcess(name, env, measured(servers.isEmpty() ? "server" : "server" + (servers.size() + 1),
                    serverArgs)));
        }
        server = servers.getFirst();
        for (DinpProcess s : servers) {
            processes.add(s.start());
        }
        for (int i = 0; i < servers.size(); i++) {
            awaitServer(i);
        }
        apiTls = trusting(ca());
        // dash joins through the database it shares with the server, and serves HTTPS beyond loopback
        List<String> dashArgs = new ArrayList<>(List.of("dash", "--port", "" + apiPort, "--server", serverUrl(),
                "--db-url", dbUrl, "--db-user", dbUser, "--data-dir", dataDir.toString(), "--id", dashId,
                "--router-port", "" + routerPort));
        dashArgs.addAll(redis);
        dash = new DinpProcess("dash-" + run, env, measured("dash", dashArgs));
        processes.add(dash.start());
        awaitHealthy(dash, "https://127.0.0.1:" + apiPort, apiTls);
        String token = Files.readString(dataDir.resolve("admin-token")).trim();
        api = new Api("https://127.0.0.1:" + apiPort, token, apiTls);
        for (int k = 1; k <= hmCount; k++) {
            String id = "hm" + k + "-" + run;
            DinpProcess hm = new DinpProcess(id, env, measured("hm" + k, List.of("hm", "--server", serverUrl(), "--id", id,
                    "--join-token-file", tokenFile(id, "hm").toString(), "--data-dir", dataDir.toString())));
            processes.add(hm.start());
            hms.put(id, hm);
        }
        for (String node : List.of(node1, node2)) {
            DinpProcess agent = agent(node, agentServerUrls.getOrDefault(node, serverUrl()));
            processes.add(agent.start());
            agents.put(node, agent);
        }
        routerProcess = startRouter("router-" + run, routerPort, "--tls-port", "" + routerTlsPort);
        router = new RouterClient(routerPort);
        await().atMost(Duration.ofSeconds(30)).until(() -> api.ok("GET", "/api/v1/nodes", null).size() == 2);
        return this;
    }

    /** Starts one more router on {@code port}, following the same Redis, and waits until it answers. */
    DinpProcess startRouter(String name, int port, String... more) throws IOException {
        List<String> routerArgs = new ArrayList<>(List.of("router", "--port", "" + port));
        routerArgs.addAll(List.of(more));
        routerArgs.addAll(redisOptions != null ? redisOptions : SharedRedis.options());
        DinpProcess p = new DinpProcess(name, env, measured(name.equals("router-" + run) ? "router" : name, routerArgs));
        processes.add(p.start());
        awaitHealthy(p, port);
        return p;
    }

    /** Starts a builder (images stay local: no registry) and waits until it answers. */
    DinpProcess startBuilder() throws IOException {
        builderPort = Ports.free();
        builder = new DinpProcess("builder-" + run, env, measured("builder", List.of("builder", "--bind", "127.0.0.1",
                "--port", "" + builderPort, "--db-url", dbUrl, "--db-user", dbUser,
                "--data-dir", dataDir.resolve("builder").toString())));
        processes.add(builder.start());
        awaitHealthy(builder, builderPort);
        return builder;
    }

    void restartServer() throws Exception {
        server.stop();
        server.start();
        awaitServer(0);
    }

    /** Until the (first) server's control API answers over TLS: its CA is on disk by then. */
    void awaitServer() {
        awaitServer(0);
    }

    /** Until server {@code i}'s control API answers over TLS: its CA is on disk by then. */
    void awaitServer(int i) {
        DinpProcess s = servers.get(i);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> Files.exists(serverDir.resolve("pki/ca/ca.pem")) || !s.alive());
        try {
            awaitHealthy(s, serverUrl(i), serverTls());
        } catch (IOException e) {
            throw new AssertionError(s.name() + " wrote no CA:\n" + s.logTail(), e);
        }
    }

    /** Trust in the cluster CA for servers' certificates. */
    SSLContext serverTls() throws IOException {
        return io.dinp.pki.TlsContexts.of(null, new io.dinp.pki.ClusterTrust(ca(), java.util.Set.of(io.dinp.pki.Role.SERVER)));
    }

    /** What server {@code i} says it is now ("leader" or "standby"), or "down". */
    String serverRole(int i) {
        try {
            HttpClient http = HttpClient.newBuilder().sslContext(serverTls()).connectTimeout(Duration.ofSeconds(2)).build();
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(serverUrl(i) + "/healthz"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            return io.dinp.common.Json.MAPPER.readTree(r.body()).path("role").asText("down");
        } catch (IOException e) {
            return "down";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "down";
        }
    }

    /** Trust in {@code ca} alone, with the usual host-name check: how a user's client trusts dash. */
    static SSLContext trusting(java.security.cert.X509Certificate ca) {
        try {
            java.security.KeyStore ks = java.security.KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setCertificateEntry("ca", ca);
            javax.net.ssl.TrustManagerFactory f = javax.net.ssl.TrustManagerFactory.getInstance("PKIX");
            f.init(ks);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, f.getTrustManagers(), null);
            return ctx;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static void awaitHealthy(DinpProcess p, int port) {
        awaitHealthy(p, "http://127.0.0.1:" + port, null);
    }

    static void awaitHealthy(DinpProcess p, String base, SSLContext tls) {
        HttpClient http = tls == null ? HttpClient.newHttpClient() : HttpClient.newBuilder().sslContext(tls).build();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            if (!p.alive()) {
                throw new AssertionError(p.name() + " exited:\n" + p.logTail());
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/healthz"))
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
        if (ownDatabase) {
            return;
        }
        try (var c = DriverManager.getConnection(mariaUrl(""), mariaUser(), mariaPassword())) {
            c.createStatement().execute("DROP DATABASE IF EXISTS " + database);
        }
    }
}
