package io.dinp.dist;

import io.dinp.core.ReconcileSettings;
import io.dinp.routebus.RedisEndpoint;
import io.dinp.routebus.RedisRoutePublisher;
import io.dinp.server.ServerConfig;
import io.dinp.hm.HmNode;
import io.dinp.server.ServerNode;
import io.dinp.server.StoreDesiredState;
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
        description = "Run the controller: desired state (SQL) + agents' reports -> assignments and routes (Redis).")
final class ServerCommand implements Callable<Integer> {
    @Mixin
    DbOptions db;

    @Option(names = "--data-dir", defaultValue = "${user.home}/.dinp", description = "data directory (H2 database) (default: ${DEFAULT-VALUE})")
    Path dataDir;

    @Option(names = "--bind", defaultValue = "0.0.0.0", description = "address of the control API (default: ${DEFAULT-VALUE})")
    String bind;

    @Option(names = "--port", defaultValue = "7071", description = "port of the control API for agents and dash (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--redis", required = true, paramLabel = "URI",
            description = "Redis for the route table, e.g. rediss://10.0.0.1:6380 (TLS) or redis://127.0.0.1:6379")
    String redis;

    @Mixin
    RedisOptions redisOptions;

    @Mixin
    JoinTokenOption joinToken;

    @Option(names = "--node-timeout", defaultValue = "10", description = "seconds of silence before a node is down (default: ${DEFAULT-VALUE})")
    int nodeTimeout;

    @Option(names = "--settle", defaultValue = "3", description = "seconds to collect agents' reports after a start before deciding (default: ${DEFAULT-VALUE})")
    int settle;

    @Option(names = "--drain", defaultValue = "2", description = "seconds an instance stays up after leaving the routes (default: ${DEFAULT-VALUE})")
    int drain;

    @Option(names = "--unhealthy-limit", defaultValue = "10", description = "seconds an instance may stay unhealthy before it is replaced (default: ${DEFAULT-VALUE})")
    int unhealthyLimit;

    @Option(names = "--rollback-after", defaultValue = "3", description = "failures of a new release during a rollout that roll it back (default: ${DEFAULT-VALUE})")
    int rollbackAfter;

    @Option(names = "--hm", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "run a health monitor inside the server too (default: ${DEFAULT-VALUE}); more run with `dinp hm`")
    boolean hm;

    @Override
    public Integer call() throws Exception {
        String token = joinToken.token();
        RedisEndpoint endpoint;
        try {
            endpoint = redisOptions.endpoint(redis);
            RedisOptions.check("server", endpoint);
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
        RedisRoutePublisher publisher = new RedisRoutePublisher(endpoint);
        System.out.println("dinp server: publishing routes to Redis at " + endpoint);
        ReconcileSettings rs = new ReconcileSettings(Duration.ofSeconds(drain), 1, Duration.ofSeconds(1), Duration.ofSeconds(60),
                Duration.ofSeconds(unhealthyLimit), rollbackAfter);
        ServerConfig cfg = new ServerConfig(bind, port, token, Duration.ofSeconds(nodeTimeout), Duration.ofSeconds(5),
                Duration.ofSeconds(settle), rs);
        ServerNode node = ServerNode.start(cfg,
                StoreDesiredState.of(database), publisher);
        System.out.println("dinp server: control API on port " + node.port());
        List<AutoCloseable> parts = new java.util.ArrayList<>(List.of(database, publisher, node));
        if (hm) {
            parts.add(new HmNode(HmCommand.defaultId() + "-server", node.service(), java.time.Clock.systemUTC()).start());
        }
        Blocking.runUntilStopped(parts);
        return 0;
    }
}
