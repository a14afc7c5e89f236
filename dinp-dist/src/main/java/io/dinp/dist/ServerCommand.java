package io.dinp.dist;

import io.dinp.core.ReconcileSettings;
import io.dinp.routebus.RedisEndpoint;
import io.dinp.routebus.RedisRoutePublisher;
import io.dinp.server.ServerConfig;
import io.dinp.hm.HmNode;
import io.dinp.server.ServerNode;
import io.dinp.server.StoreDesiredState;
import io.dinp.pki.CaFiles;
import io.dinp.pki.CertificatePolicy;
import io.dinp.pki.ClusterCa;
import io.dinp.server.pki.ServerPki;
import io.dinp.store.Database;
import io.dinp.store.DatabaseUnreachableException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code dinp server}: the controller, reading SQL, answering agents, publishing routes to Redis. */
@Command(name = "server", mixinStandardHelpOptions = true,
        description = {"Run the controller: desired state (SQL) + agents' reports -> assignments and routes (Redis).",
                "The control API speaks HTTPS with client certificates of the cluster CA only. The first start makes",
                "the CA in DATA_DIR/pki/ca (key mode 600); agents, monitors and dash join with one-time tokens",
                "(dinp nodes token create) and renew their certificates by themselves.",
                "Several servers may run against one database (and one CA: the same --ca-cert/--ca-key, or a shared DATA_DIR):",
                "one leads, holding a lease in SQL; the others stand by, answer clients with 503 and the leader's URL, and",
                "take over within about --lease plus --settle when it stops renewing. Give clients every server:",
                "--server https://a:7071,https://b:7071."})
final class ServerCommand implements Callable<Integer> {
    @Mixin
    DbOptions db;

    @Option(names = "--data-dir", defaultValue = "${user.home}/.dinp",
            description = "data directory: H2 database, the cluster CA in pki/ca (default: ${DEFAULT-VALUE})")
    Path dataDir;

    @Option(names = "--ca-cert", paramLabel = "FILE", description = "the cluster CA's certificate (PEM), instead of the one "
            + "made at the first start in DATA_DIR/pki/ca; with --ca-key")
    Path caCert;

    @Option(names = "--ca-key", paramLabel = "FILE", description = "the cluster CA's unencrypted PKCS#8 key (PEM, mode 600)")
    Path caKey;

    @Option(names = "--cert-lifetime", defaultValue = "30d", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "how long the certificates the CA issues live; components renew at two thirds (default: ${DEFAULT-VALUE})")
    Duration certLifetime;

    @Option(names = "--bind", defaultValue = "0.0.0.0", description = "address of the control API (default: ${DEFAULT-VALUE})")
    String bind;

    @Option(names = "--port", defaultValue = "7071", description = "port of the control API for agents and dash (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--redis", required = true, paramLabel = "URI",
            description = "Redis for the route table, e.g. rediss://10.0.0.1:6380 (TLS) or redis://127.0.0.1:6379")
    String redis;

    @Mixin
    RedisOptions redisOptions;

    @Option(names = "--node-timeout", defaultValue = "10", description = "seconds of silence before a node is down (default: ${DEFAULT-VALUE})")
    int nodeTimeout;

    @Option(names = "--settle", defaultValue = "2", description = "seconds to collect agents' reports after a start or a "
            + "take-over before deciding; agents report every second (default: ${DEFAULT-VALUE})")
    int settle;

    @Option(names = "--drain", defaultValue = "2", description = "seconds an instance stays up after leaving the routes (default: ${DEFAULT-VALUE})")
    int drain;

    @Option(names = "--unhealthy-limit", defaultValue = "10", description = "seconds an instance may stay unhealthy before it is replaced (default: ${DEFAULT-VALUE})")
    int unhealthyLimit;

    @Option(names = "--rollback-after", defaultValue = "3", description = "failures of a new release during a rollout that roll it back (default: ${DEFAULT-VALUE})")
    int rollbackAfter;

    @Option(names = "--lease", defaultValue = "2s", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "leadership lease: a standby takes over after the leader has not renewed it for this long; the "
                    + "leader renews every eighth of it and stops acting after three quarters without renewal (default: ${DEFAULT-VALUE})")
    Duration lease;

    @Option(names = "--advertise", paramLabel = "URL", description = "this server's control API as clients reach it, "
            + "told to them while another server leads (default: https://HOSTNAME:PORT)")
    String advertise;

    @Option(names = "--hm", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "run a health monitor inside the server too (default: ${DEFAULT-VALUE}); more run with `dinp hm`")
    boolean hm;

    @Mixin
    MetricsOptions metrics;

    @Override
    public Integer call() throws Exception {
        if ((caCert == null) != (caKey == null)) {
            System.err.println("dinp server: --ca-cert and --ca-key go together");
            return 2;
        }
        if (lease.compareTo(Duration.ofSeconds(1)) < 0 || lease.compareTo(Duration.ofMinutes(10)) > 0) {
            System.err.println("dinp server: --lease must be between 1s and 10m, was " + lease);
            return 2;
        }
        String advertised;
        try {
            advertised = io.dinp.common.http.JsonClient.httpsBase(advertise != null ? advertise
                    : "https://" + java.net.InetAddress.getLocalHost().getHostName() + ":" + port);
            if (advertised.contains(",")) {
                throw new IllegalArgumentException("--advertise: one URL, was '" + advertise + "'");
            }
        } catch (IllegalArgumentException | java.net.UnknownHostException e) {
            System.err.println("dinp server: --advertise: " + e.getMessage());
            return 2;
        }
        RedisEndpoint endpoint;
        CertificatePolicy policy;
        ClusterCa ca;
        try {
            metrics.check();
            endpoint = redisOptions.endpoint(redis);
            RedisOptions.check("server", endpoint);
            policy = new CertificatePolicy(certLifetime);
            ca = caCert != null ? CaFiles.load(caCert, caKey)
                    : CaFiles.loadOrCreate(dataDir.resolve("pki").resolve("ca"), "DINP cluster CA", java.time.Instant.now());
        } catch (IllegalArgumentException e) {
            System.err.println("dinp server: " + e.getMessage());
            return 2;
        }
        Database database;
        try {
            database = db.open(dataDir, "server");
        } catch (IllegalArgumentException e) {
            System.err.println("dinp server: " + e.getMessage());
            return 2;
        } catch (DatabaseUnreachableException e) {
            System.err.println("dinp server: " + e.getMessage());
            return 1;
        }
        ServerPki pki;
        try {
            pki = ServerPki.start(ca, database, policy, java.time.Clock.systemUTC());
        } catch (IllegalStateException e) {
            System.err.println("dinp server: " + e.getMessage());
            database.close();
            return 2;
        }
        // leaders' terms count within this cluster: the servers sharing its database share its CA
        RedisRoutePublisher publisher = new RedisRoutePublisher(endpoint, io.dinp.routebus.RedisRouteKeys.DEFAULT, ca.fingerprint());
        System.out.println("dinp server: publishing routes to Redis at " + endpoint);
        ReconcileSettings rs = new ReconcileSettings(Duration.ofSeconds(drain), 1, Duration.ofSeconds(1), Duration.ofSeconds(60),
                Duration.ofSeconds(unhealthyLimit), rollbackAfter);
        ServerConfig cfg = new ServerConfig(bind, port, Duration.ofSeconds(nodeTimeout), Duration.ofSeconds(5),
                Duration.ofSeconds(settle), rs);
        ServerNode node = ServerNode.startElected(cfg, StoreDesiredState.of(database), publisher, pki,
                io.dinp.store.LeaseStore.controller(database), advertised, lease);
        System.out.println("dinp server: control API on port " + node.port() + " (HTTPS, mutual TLS), advertised as "
                + advertised + "; cluster CA sha256 " + ca.fingerprint());
        List<AutoCloseable> parts = new java.util.ArrayList<>(List.of(database, publisher, pki, node));
        io.dinp.common.metrics.Healthz healthz = new io.dinp.common.metrics.Healthz()
                .add("controlLoop", node::controlLoopHealth).add("database", HealthChecks.database(database));
        if (hm) {
            HmNode monitor = new HmNode(HmCommand.defaultId() + "-server", node.healthMonitors(), java.time.Clock.systemUTC()).start();
            // a standby's monitor has no leader of its own to ask: only the leader's checks count
            healthz.add("hm", () -> node.leading() ? monitor.health()
                    : io.dinp.common.metrics.HealthCheck.Result.ok(java.util.Map.of("role", "standby")));
            parts.add(monitor);
        }
        metrics.start("dinp server", healthz, parts, List.of());
        Blocking.runUntilStopped(parts);
        return 0;
    }
}
