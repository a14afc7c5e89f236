package io.dinp.dist;

import io.dinp.common.http.HttpClusterView;
import io.dinp.dash.DashConfig;
import io.dinp.dash.ClusterLogNodes;
import io.dinp.dash.DashNode;
import io.dinp.store.Database;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code dinp dash}: the REST API (and later the dashboard) over the SQL store. */
@Command(name = "dash", mixinStandardHelpOptions = true,
        description = "Run the API: writes desired state to SQL, reads real state from the server.")
final class DashCommand implements Callable<Integer> {
    @Mixin
    DbOptions db;

    @Option(names = "--data-dir", defaultValue = "${user.home}/.dinp", description = "data directory: H2 database, admin-token (default: ${DEFAULT-VALUE})")
    Path dataDir;

    @Option(names = "--bind", defaultValue = "0.0.0.0", description = "listen address (default: ${DEFAULT-VALUE})")
    String bind;

    @Option(names = "--port", defaultValue = "7070", description = "API port (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--server", required = true, paramLabel = "URL", description = "the server's control API, e.g. http://127.0.0.1:7071")
    String server;

    @Mixin
    JoinTokenOption joinToken;

    @Option(names = "--apps-domain", defaultValue = "apps.localhost", description = "apps answer at <app>.<domain> (default: ${DEFAULT-VALUE})")
    String appsDomain;

    @Option(names = "--router-port", defaultValue = "8080", description = "public router port, for app URLs (default: ${DEFAULT-VALUE})")
    int routerPort;

    @Override
    public Integer call() throws Exception {
        String token = joinToken.token();
        Database database = db.open(dataDir);
        HttpClusterView cluster = new HttpClusterView(server, token);
        DashNode dash = DashNode.start(new DashConfig(bind, port, appsDomain, routerPort), database, cluster, dataDir,
                new ClusterLogNodes(cluster, token), api -> { });
        System.out.println("dinp dash: API on port " + dash.port());
        Blocking.runUntilStopped(List.of(database, dash));
        return 0;
    }
}
