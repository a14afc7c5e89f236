package io.dinp.dist;

import io.dinp.common.http.HttpClusterView;
import io.dinp.common.http.JsonClient;
import io.dinp.common.pki.ClusterIdentity;
import io.dinp.common.pki.EnrolmentRefused;
import io.dinp.dash.Loopback;
import io.dinp.pki.Identity;
import io.dinp.pki.Role;
import io.dinp.pki.ServingCertificate;
import io.dinp.pki.TlsContexts;
import io.dinp.dash.DashConfig;
import io.dinp.dash.BuilderProxy;
import io.dinp.dash.ClusterLogNodes;
import io.dinp.dash.DashNode;
import io.dinp.dash.metrics.TrafficSource;
import io.dinp.routebus.RedisEndpoint;
import io.dinp.routebus.RedisTrafficKeys;
import io.dinp.routebus.RedisTrafficReader;
import io.dinp.store.Database;
import io.dinp.store.DatabaseUnreachableException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code dinp dash}: the REST API and the web dashboard over the SQL store. */
@Command(name = "dash", mixinStandardHelpOptions = true,
        description = {"Run the API: writes desired state to SQL, reads real state from the server.",
                "The first start on a database creates the site admin 'admin' (password in DATA_DIR/admin-password),",
                "the team 'default' and an admin token in DATA_DIR/admin-token (both mode 600).",
                "Dash joins the cluster through the database it shares with the server (no token needed) and serves",
                "HTTPS beyond loopback: with --tls-cert/--tls-key, else with its certificate from the cluster CA."})
final class DashCommand implements Callable<Integer> {
    @Mixin
    DbOptions db;

    @Option(names = "--data-dir", defaultValue = "${user.home}/.dinp", description = "data directory: H2 database, admin-token, admin-password, secret-key (default: ${DEFAULT-VALUE})")
    Path dataDir;

    @Option(names = "--bind", defaultValue = "0.0.0.0", description = "listen address; beyond loopback the API serves "
            + "HTTPS only, plain HTTP only on 127.0.0.1 or ::1 (default: ${DEFAULT-VALUE})")
    String bind;

    @Option(names = "--tls-cert", paramLabel = "FILE", description = "PEM certificate chain (leaf first) for the API's HTTPS; "
            + "default: dash's own certificate from the cluster CA, naming --tls-name")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "FILE", description = "unencrypted PKCS#8 PEM key of --tls-cert")
    Path tlsKey;

    @Mixin
    HostNamesOption tlsNames;

    @Option(names = "--id", description = "this dash's id in the cluster, named by its certificate (default: <hostname>)")
    String id;

    @Option(names = "--port", defaultValue = "7070", description = "API port (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--server", required = true, paramLabel = "URL", description = "the server's control API, e.g. https://127.0.0.1:7071; several servers separated by commas: the one that leads "
            + "is followed by itself")
    String server;

    @Option(names = "--builder", paramLabel = "URL", description = "the builders (dinp builder), e.g. https://10.0.0.5:7072; "
            + "several separated by commas: dash then serves the build routes too (upload, list, show, log), "
            + "handing each to a builder that answers, so the CLI and the dashboard need only dash. Builders beyond "
            + "loopback must use a certificate of the cluster CA (dinp builder --server). Without it, clients upload "
            + "to a builder directly")
    String builder;

    @Option(names = "--trusted-proxy", paramLabel = "CIDR[,CIDR]", description = "load balancers in front of dash "
            + "(IPv4 or IPv6 networks, e.g. 10.0.0.0/8,fd00::/8) whose X-Forwarded-For names the client: sign-in "
            + "throttles, sessions and the audit log then see the client's address, not the balancer's. From any other "
            + "peer the header is ignored (default: none)")
    String trustedProxy;

    @Mixin
    SessionOptions sessions;

    @Mixin
    SecretKeyOption secretKey;

    @Option(names = "--apps-domain", defaultValue = "apps.localhost", description = "apps answer at <app>.<domain> (default: ${DEFAULT-VALUE})")
    String appsDomain;

    @Option(names = "--router-port", defaultValue = "8080", description = "public router port, for app URLs (default: ${DEFAULT-VALUE})")
    int routerPort;

    @Option(names = "--redis", paramLabel = "URI",
            description = "Redis the routers write their per-app counters to (dinp router --redis): the dashboard's "
                    + "requests/s and latency charts; without it those charts stay empty")
    String redis;

    @Mixin
    RedisOptions redisOptions;

    @Mixin
    MetricsOptions metrics;

    @Override
    public Integer call() throws Exception {
        String serverUrl;
        Identity me;
        List<String> names;
        java.time.Duration sessionTtl;
        javax.net.ssl.X509KeyManager operatorCert = null;
        RedisEndpoint endpoint;
        List<java.net.URI> builders;
        io.dinp.model.access.TrustedProxies proxies;
        try {
            if ((tlsCert == null) != (tlsKey == null)) {
                throw new IllegalArgumentException("--tls-cert and --tls-key go together");
            }
            metrics.check();
            serverUrl = JsonClient.httpsBase(server);
            me = new Identity(Role.DASH, id == null ? HmCommand.hostId() : id);
            names = tlsNames.names();
            sessionTtl = sessions.ttl();
            endpoint = redisOptions.endpoint(redis);
            if (endpoint != null) {
                RedisOptions.check("dash", endpoint);
            }
            if (tlsCert != null) {
                operatorCert = ServingCertificate.read(tlsCert, tlsKey, java.time.Instant.now());
            }
            builders = builder == null ? List.of() : BuilderProxy.parse(builder);
            proxies = io.dinp.model.access.TrustedProxies.parse("--trusted-proxy", trustedProxy);
        } catch (IllegalArgumentException e) {
            System.err.println("dinp dash: " + e.getMessage());
            return 2;
        }
        Database database;
        try {
            database = db.open(dataDir, "dash");
        } catch (IllegalArgumentException e) {
            System.err.println("dinp dash: " + e.getMessage());
            return 2;
        } catch (DatabaseUnreachableException e) {
            System.err.println("dinp dash: " + e.getMessage());
            return 1;
        }
        ClusterIdentity identity;
        try {
            identity = Joining.untilJoined("dash", serverUrl,
                    () -> DashJoin.join(serverUrl, database, dataDir, me, names, java.time.Clock.systemUTC()));
        } catch (EnrolmentRefused e) {
            System.err.println("dinp dash: cannot join: " + e.getMessage());
            database.close();
            return 2;
        }
        javax.net.ssl.SSLContext tls = operatorCert != null ? TlsContexts.of(operatorCert, null)
                : Loopback.is(bind) ? null : identity.serverContext();
        DashConfig config;
        try {
            config = new DashConfig(bind, port, appsDomain, routerPort, sessions.secureCookies, sessionTtl, tls)
                    .withSecretKeyFile(secretKey.file).withTrustedProxies(proxies);
        } catch (IllegalArgumentException e) {
            System.err.println("dinp dash: " + e.getMessage());
            return 2;
        }
        RedisTrafficReader traffic = endpoint == null ? null : new RedisTrafficReader(endpoint, RedisTrafficKeys.DEFAULT);
        HttpClusterView cluster = new HttpClusterView(serverUrl, identity.httpClient(Role.SERVER));
        DashNode dash;
        try {
            dash = DashNode.start(config, database, cluster, dataDir,
                    traffic == null ? TrafficSource.NONE : traffic::read,
                    new ClusterLogNodes(cluster, identity.httpClient(Role.NODE)),
                    builders.isEmpty() ? api -> { } : new BuilderProxy(builders, identity.httpClient(Role.DASH))::register);
        } catch (java.io.IOException | IllegalArgumentException e) {
            // the secret key file: missing, unreadable or not a key
            System.err.println("dinp dash: " + e.getMessage());
            database.close();
            return 2;
        }
        System.out.println("dinp dash: API and dashboard on port " + dash.port() + (tls == null ? " (plain HTTP, loopback only)"
                : " (HTTPS" + (operatorCert == null ? ", certificate of the cluster CA in " + dataDir.resolve("pki")
                .resolve("dash-" + me.id()).resolve("ca.pem") : "") + ")")
                + (endpoint == null ? "" : "; routers' counters from Redis at " + endpoint)
                + (builders.isEmpty() ? "" : "; builds through " + builders)
                + (proxies.isEmpty() ? "" : "; X-Forwarded-For believed from " + proxies));
        List<AutoCloseable> parts = new java.util.ArrayList<>(List.of(database, identity, dash));
        if (traffic != null) {
            parts.add(traffic);
        }
        metrics.start("dinp dash", new io.dinp.common.metrics.Healthz().add("database", HealthChecks.database(database)),
                parts, List.of());
        Blocking.runUntilStopped(parts);
        return 0;
    }
}
