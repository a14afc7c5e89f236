package io.dinp.dist;

import io.dinp.common.http.HttpClusterView;
import io.dinp.dash.DashConfig;
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
                "the team 'default' and an admin token in DATA_DIR/admin-token (both mode 600)."})
final class DashCommand implements Callable<Integer> {
    @Mixin
    DbOptions db;

    @Option(names = "--data-dir", defaultValue = "${user.home}/.dinp", description = "data directory: H2 database, admin-token, admin-password (default: ${DEFAULT-VALUE})")
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

    @Override
    public Integer call() throws Exception {
        String token = joinToken.token();
        DashConfig config;
        RedisEndpoint endpoint;
        try {
            config = new DashConfig(bind, port, appsDomain, routerPort, sessions.secureCookies, sessions.ttl());
            endpoint = redisOptions.endpoint(redis);
            if (endpoint != null) {
                RedisOptions.check("dash", endpoint);
            }
        } catch (IllegalArgumentException e) {
            System.err.println("dinp: " + e.getMessage());
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
        RedisTrafficReader traffic = endpoint == null ? null : new RedisTrafficReader(endpoint, RedisTrafficKeys.DEFAULT);
        HttpClusterView cluster = new HttpClusterView(server, token);
        DashNode dash = DashNode.start(config, database, cluster, dataDir,
                traffic == null ? TrafficSource.NONE : traffic::read, new ClusterLogNodes(cluster, token), api -> { });
        System.out.println("dinp dash: API and dashboard on port " + dash.port()
                + (endpoint == null ? "" : "; routers' counters from Redis at " + endpoint));
        List<AutoCloseable> parts = new java.util.ArrayList<>(List.of(database, dash));
        if (traffic != null) {
            parts.add(traffic);
        }
        Blocking.runUntilStopped(parts);
        return 0;
    }
}
