package io.dinp.dist;

import io.dinp.agent.Agent;
import io.dinp.agent.AgentConfig;
import io.dinp.agent.DockerClients;
import io.dinp.dash.DashConfig;
import io.dinp.dash.DashNode;
import io.dinp.dash.LogNodes;
import io.dinp.agent.logs.AgentLogs;
import io.dinp.routebus.InProcessRouteBus;
import io.dinp.router.RouteTableHolder;
import io.dinp.router.Router;
import io.dinp.router.RouterConfig;
import io.dinp.server.ServerConfig;
import io.dinp.hm.HmNode;
import io.dinp.server.ServerNode;
import io.dinp.server.StoreDesiredState;
import java.time.Clock;
import io.dinp.store.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import io.dinp.model.RouterTraffic;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code dinp up}: the whole platform in one JVM on one machine — embedded H2, routes delivered
 * in-process, one agent on the local Docker Engine. The quick start and the default.
 */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = {"Run all of DINP in one JVM: API, controller, one agent on the local Docker, router.",
                "Embedded H2 database in --data-dir; prints the API URL, the router URL and the admin token.",
                "The first start creates the site admin 'admin' (password in DATA_DIR/admin-password, mode 600),",
                "the team 'default' they own, and an API token of theirs in DATA_DIR/admin-token (mode 600).",
                "Builds run here too; without --registry their images stay on this machine.",
                "./dinp up --with-registry starts Debian's registry on 127.0.0.1:5000 (auth on) and passes --registry."})
final class UpCommand implements Callable<Integer> {
    @Option(names = "--data-dir", defaultValue = "${user.home}/.dinp", description = "data directory: database, admin-token, admin-password, secret-key (default: ${DEFAULT-VALUE})")
    Path dataDir;

    @Option(names = "--bind", defaultValue = "127.0.0.1", description = "listen address of the API and dashboard; beyond "
            + "loopback (e.g. 0.0.0.0) they serve HTTPS only (default: ${DEFAULT-VALUE})")
    String bind;

    @Option(names = "--router-bind", defaultValue = "0.0.0.0", description = "listen address of the router (default: ${DEFAULT-VALUE})")
    String routerBind;

    @picocli.CommandLine.Mixin
    UpApiTls apiTls;

    @Option(names = "--api-port", defaultValue = "7070", description = "API port (default: ${DEFAULT-VALUE})")
    int apiPort;

    @Option(names = "--router-port", defaultValue = "8080", description = "router port (default: ${DEFAULT-VALUE})")
    int routerPort;

    @Option(names = "--apps-domain", defaultValue = "apps.localhost", description = "apps answer at <app>.<domain> (default: ${DEFAULT-VALUE})")
    String appsDomain;

    @Option(names = "--node-id", defaultValue = "local", description = "id of the local node (default: ${DEFAULT-VALUE})")
    String nodeId;

    @Option(names = "--memory", paramLabel = "MB", description = "memory offered to apps (default: host memory minus 512 MB)")
    Integer memory;

    @Option(names = "--docker-host", defaultValue = "unix:///var/run/docker.sock", description = "Docker Engine endpoint (default: ${DEFAULT-VALUE})")
    String dockerHost;

    @picocli.CommandLine.Mixin
    RegistryOptions registry;

    @picocli.CommandLine.Mixin
    StackOptions stacks;

    @picocli.CommandLine.Mixin
    RouterTlsOptions tls;

    @picocli.CommandLine.Mixin
    SessionOptions sessions;

    @Option(names = "--stop-timeout", defaultValue = "10", description = "seconds a container gets after SIGTERM before SIGKILL (default: ${DEFAULT-VALUE})")
    int stopTimeout;

    @picocli.CommandLine.Mixin
    LogOptions logs;

    /** What to print in URLs: the bound address, or this machine's loopback for a wildcard. */
    private String apiHost() {
        if (bind.equals("0.0.0.0") || bind.equals("::")) {
            return "127.0.0.1";
        }
        return bind.contains(":") ? "[" + bind + "]" : bind;
    }

    @picocli.CommandLine.Mixin
    SecretKeyOption secretKey;

    @picocli.CommandLine.Mixin
    ContainerOptions containers;

    @picocli.CommandLine.Mixin
    MetricsOptions metrics;

    @Override
    public Integer call() throws Exception {
        RouterConfig routerConfig;
        java.time.Duration sessionTtl;
        UpApiTls.Chosen apiTlsChosen;
        io.dinp.agent.ContainerPolicy policy;
        try {
            routerConfig = tls.applyTo(RouterConfig.defaults().withBind(routerBind, routerPort).withAppsDomain(appsDomain));
            sessionTtl = sessions.ttl();
            registry.credentials();
            registry.trustInEngine("up", dockerHost);
            Files.createDirectories(dataDir);
            apiTlsChosen = apiTls.choose(bind, dataDir, Clock.systemUTC());
            policy = containers.policy();
            metrics.check();
        } catch (IllegalArgumentException e) {
            System.err.println("dinp: " + e.getMessage());
            return 2;
        }
        com.github.dockerjava.api.DockerClient docker;
        try {
            docker = DockerClients.create(dockerHost);
        } catch (IllegalArgumentException e) {
            System.err.println("dinp: " + e.getMessage());
            return 2;
        }
        try {
            docker.pingCmd().exec();
        } catch (RuntimeException e) {
            System.err.println("dinp: the Docker Engine at " + dockerHost + " does not answer (" + e.getMessage()
                    + "). Start dockerd; ./dinp up installs and starts it on Debian when run as root.");
            return 2;
        }
        // one key for the dash and the agent of this JVM: made at the first start unless the operator gave one
        Path keyFile = secretKey.in(dataDir);
        io.dinp.common.secret.SecretBox secrets;
        try {
            secrets = new io.dinp.common.secret.SecretBox(secretKey.file != null
                    ? io.dinp.common.secret.SecretKeyFile.load(keyFile) : io.dinp.common.secret.SecretKeyFile.loadOrCreate(keyFile));
        } catch (java.io.IOException | IllegalArgumentException e) {
            System.err.println("dinp: " + e.getMessage());
            return 2;
        }
        Database db = Database.open(Database.h2FileUrl(dataDir), "dinp", "");
        InProcessRouteBus bus = new InProcessRouteBus();
        // One JVM: no control API, agents and dash call the controller directly.
        ServerConfig sc = ServerConfig.defaults().withPort(-1).withSettle(Duration.ofSeconds(2));
        ServerNode server = ServerNode.start(sc,
                StoreDesiredState.of(db), bus);
        HmNode hm = new HmNode("local", server.service(), Clock.systemUTC()).start();

        RouteTableHolder table = new RouteTableHolder();
        bus.subscribe(table);
        Router router = new Router(routerConfig, table);
        int rport = router.start();

        AgentConfig ac = new AgentConfig(nodeId, "127.0.0.1", memory == null ? 0 : memory, dockerHost, null, null,
                Duration.ofSeconds(stopTimeout)).withKeepImages(registry.keepImages);
        AgentLogs nodeLogs = logs.start(dockerHost, nodeId, dataDir);
        // the router and monitor run here: without --allow-from this host only, as the agent's default, without its warning
        Agent agent = new Agent(ac, server.service(), docker, registry.credentials(), nodeLogs::keep,
                policy.allowFrom() == null ? policy.withAllowFrom(List.of()) : policy, () -> secrets);
        agent.start();

        var builds = Builders.service(db, docker, dataDir, registry, stacks);
        // the router runs here: the charts read its counters directly
        DashNode dash = DashNode.start(new DashConfig(bind, apiPort, appsDomain, rport, sessions.secureCookies, sessionTtl,
                apiTlsChosen.context()).withSecretKeyFile(keyFile), db,
                server.service(), dataDir, () -> Map.of("local", RouterTraffic.now(router.metrics().traffic())),
                LogNodes.of(nodeId, nodeLogs), Builders.routes(builds, db));
        System.out.println();
        System.out.println("DINP is up.");
        String web = (apiTlsChosen.context() == null ? "http://" : "https://") + apiHost() + ":" + dash.port();
        System.out.println("  Web:    " + web + "/   (sign in as admin)");
        System.out.println("  API:    " + web + "/api/v1");
        if (apiTlsChosen.caFile() != null) {
            System.out.println("          HTTPS with a certificate of the CA in " + apiTlsChosen.caFile()
                    + " (dinp login --ca-cert, or import it in the browser)");
        }
        System.out.println("  Router: http://<app>." + appsDomain + ":" + rport + "/");
        if (router.tlsPort() >= 0) {
            System.out.println("          https://<app>." + appsDomain + ":" + router.tlsPort() + "/");
        }
        // secrets stay in their files: this output ends up in terminals' scrollback and service logs
        System.out.println("  Token:  in " + dataDir.resolve("admin-token") + " (mode 600)");
        System.out.println("  User:   admin, password in " + dataDir.resolve("admin-password") + " (mode 600)");
        System.out.println("  Node:   " + nodeId + " with " + ac.memoryMb() + " MB for apps");
        System.out.println();
        System.out.flush();
        List<AutoCloseable> parts = new java.util.ArrayList<>(List.of(db, server, hm, router, docker, nodeLogs, agent, builds));
        if (apiTlsChosen.identity() != null) {
            parts.add(apiTlsChosen.identity());
        }
        parts.add(dash);
        // one listener for every component of this JVM: their meters share the process' registry
        metrics.start("dinp", new io.dinp.common.metrics.Healthz()
                .add("controlLoop", server::controlLoopHealth).add("database", HealthChecks.database(db))
                .add("agent", agent::health).add("hm", hm::health).add("builder", builds::health)
                .add("router", router::healthCheck), parts, List.of(router.metrics()::scrape));
        Blocking.runUntilStopped(parts);
        return 0;
    }
}
