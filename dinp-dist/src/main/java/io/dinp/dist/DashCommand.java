package io.dinp.dist;

import io.dinp.common.http.HttpClusterView;
import io.dinp.dash.DashConfig;
import io.dinp.dash.ClusterLogNodes;
import io.dinp.dash.DashNode;
import io.dinp.dash.metrics.TrafficSource;
import io.dinp.routebus.RedisTrafficKeys;
import io.dinp.routebus.RedisTrafficReader;
import io.dinp.store.Database;
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
                "the team 'default' and an admin token in DATA_DIR/admin-token (both mode 600)."})
final class DashCommand implements Callable<Integer> {
    @Mixin
    DbOptions db;

    @Option(names = "--data-dir", defaultValue = "${user.home}/.dinp", description = "data directory: H2 database, admin-token, admin-password, secret-key (default: ${DEFAULT-VALUE})")
    Path dataDir;

    @Option(names = "--bind", defaultValue = "0.0.0.0", description = "listen address (default: ${DEFAULT-VALUE})")
    String bind;

    @Option(names = "--port", defaultValue = "7070", description = "API port (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--server", required = true, paramLabel = "URL", description = "the server's control API, e.g. http://127.0.0.1:7071")
    String server;

    @Mixin
    JoinTokenOption joinToken;

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

    @Override
    public Integer call() throws Exception {
        String token = joinToken.token();
        DashConfig config;
        try {
            config = new DashConfig(bind, port, appsDomain, routerPort, sessions.secureCookies, sessions.ttl())
                    .withSecretKeyFile(secretKey.file);
        } catch (IllegalArgumentException e) {
            System.err.println("dinp: " + e.getMessage());
            return 2;
        }
        Database database = db.open(dataDir);
        RedisTrafficReader traffic = redis == null ? null : new RedisTrafficReader(redis, RedisTrafficKeys.DEFAULT);
        HttpClusterView cluster = new HttpClusterView(server, token);
        DashNode dash;
        try {
            dash = DashNode.start(config, database, cluster, dataDir,
                    traffic == null ? TrafficSource.NONE : traffic::read, new ClusterLogNodes(cluster, token), api -> { });
        } catch (java.io.IOException | IllegalArgumentException e) {
            // the secret key file: missing, unreadable or not a key
            System.err.println("dinp: " + e.getMessage());
            database.close();
            return 2;
        }
        System.out.println("dinp dash: API and dashboard on port " + dash.port());
        List<AutoCloseable> parts = new java.util.ArrayList<>(List.of(database, dash));
        if (traffic != null) {
            parts.add(traffic);
        }
        Blocking.runUntilStopped(parts);
        return 0;
    }
}
