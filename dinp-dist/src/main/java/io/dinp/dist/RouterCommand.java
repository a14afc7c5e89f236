package io.dinp.dist;

import io.dinp.routebus.RedisEndpoint;
import io.dinp.routebus.RedisRouteSubscriber;
import io.dinp.routebus.RedisTrafficKeys;
import io.dinp.routebus.RedisTrafficPublisher;
import io.dinp.router.RouteTableHolder;
import io.dinp.router.Router;
import io.dinp.router.RouterConfig;
import io.dinp.router.RouterMetrics;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code dinp router}: the L7 proxy, its route table pushed through Redis. */
@Command(name = "router", mixinStandardHelpOptions = true,
        description = {"Run a router: <app>.<apps-domain> and custom domains -> the app's instances; routes pushed "
                + "through Redis.", "With --tls-port it terminates TLS too: custom domains' certificates come with the "
                + "routes, --tls-cert covers the apps domain.", "Per-app route options (sticky sessions, request body "
                + "limit, HTTP -> HTTPS redirect) come with the routes too.", "A starting router waits up to 10 s for the "
                + "route table in Redis before it listens, so that a restart answers no app 404."})
final class RouterCommand implements Callable<Integer> {
    static final java.time.Duration TRAFFIC_PERIOD = java.time.Duration.ofSeconds(2);
    static final java.time.Duration TRAFFIC_TTL = java.time.Duration.ofSeconds(10);
    /** How long a starting router waits for the route table before it listens. */
    static final java.time.Duration FIRST_TABLE_WAIT = java.time.Duration.ofSeconds(10);

    @Option(names = "--redis", required = true, paramLabel = "URI",
            description = "Redis holding the route table, e.g. rediss://10.0.0.1:6380 (TLS) or redis://127.0.0.1:6379")
    String redis;

    @Mixin
    RedisOptions redisOptions;

    @Option(names = "--bind", defaultValue = "0.0.0.0", description = "listen address (default: ${DEFAULT-VALUE})")
    String bind;

    @Option(names = "--port", defaultValue = "8080", description = "listen port (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--apps-domain", defaultValue = "apps.localhost", description = "apps answer at <app>.<domain> (default: ${DEFAULT-VALUE})")
    String appsDomain;

    @Option(names = {"--metrics-port", "--admin-port"}, defaultValue = "-1", paramLabel = "PORT",
            description = "serve /metrics (Prometheus text) and /healthz over plain HTTP on this port, apart from the "
                    + "traffic; 0 picks a free one, -1: none (default: ${DEFAULT-VALUE})")
    int adminPort;

    @Option(names = {"--metrics-bind", "--admin-bind"}, defaultValue = "127.0.0.1", paramLabel = "ADDRESS",
            description = "listen address of --metrics-port (default: ${DEFAULT-VALUE})")
    String adminBind;

    @Option(names = "--access-log", description = "log one line per request to the dinp.access logger (stderr)")
    boolean accessLog;

    @Option(names = "--io-threads", defaultValue = "0", paramLabel = "N",
            description = "event loop threads; 0 = one per CPU core (default: ${DEFAULT-VALUE})")
    int ioThreads;

    @Mixin
    RouterTlsOptions tls;

    @Override
    public Integer call() throws Exception {
        RouterConfig config;
        RedisEndpoint endpoint;
        try {
            MetricsOptions.check(adminPort, "--metrics-port");
            config = tls.applyTo(RouterConfig.defaults().withBind(bind, port).withAppsDomain(appsDomain)
                    .withIoThreads(ioThreads));
            endpoint = redisOptions.endpoint(redis);
            RedisOptions.check("router", endpoint);
        } catch (IllegalArgumentException e) {
            System.err.println("dinp router: " + e.getMessage());
            return 2;
        }
        RouteTableHolder table = new RouteTableHolder();
        RedisRouteSubscriber subscriber = new RedisRouteSubscriber(endpoint, table).start();
        // A restarted router that listened at once would answer 404 for every app until the table
        // arrived; one that waited for ever could not start while Redis is down.
        if (!subscriber.awaitFirstRead(FIRST_TABLE_WAIT)) {
            System.out.println("dinp router: no route table from Redis at " + endpoint + " after "
                    + FIRST_TABLE_WAIT.toSeconds() + " s; listening anyway (404 for every app until it arrives)");
        }
        Router router = new Router(config, table, subscriber::connected, new RouterMetrics(), accessLog);
        int bound = router.start();
        System.out.println("dinp router: listening on " + bind + ":" + bound + " for *." + appsDomain
                + (router.tlsPort() < 0 ? "" : ", HTTPS on " + bind + ":" + router.tlsPort()) + "; routes from Redis at " + endpoint);
        // the dashboards' requests/s and latency charts read these counters (dinp dash --redis)
        RedisTrafficPublisher traffic = new RedisTrafficPublisher(endpoint, RedisTrafficKeys.DEFAULT,
                "router-" + java.util.UUID.randomUUID().toString().substring(0, 8), router.metrics()::traffic,
                TRAFFIC_TTL).start(TRAFFIC_PERIOD);
        List<AutoCloseable> parts = new java.util.ArrayList<>(List.of(subscriber, router, traffic));
        MetricsOptions.start("dinp router", adminBind, adminPort, new io.dinp.common.metrics.Healthz()
                .add("router", router::healthCheck), parts, List.of(router.metrics()::scrape));
        Blocking.runUntilStopped(parts);
        return 0;
    }
}
