package io.dinp.dist;

import io.dinp.agent.DockerClients;
import io.dinp.builder.BuildService;
import io.dinp.common.http.HttpApi;
import io.dinp.dash.auth.CallerResolver;
import io.dinp.store.Database;
import io.dinp.store.DatabaseUnreachableException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code dinp builder}: artifact uploads → images in the registry → releases. */
@Command(name = "builder", mixinStandardHelpOptions = true,
        description = {"Run the builder: POST /api/v1/apps/{app}/builds?version=V&stack=S with the artifact as body.",
                "Callers sign in as on dash (token, Basic or session, from the same database) and reach only their teams' apps."})
final class BuilderCommand implements Callable<Integer> {
    @Mixin
    DbOptions db;

    @Mixin
    RegistryOptions registry;

    @Mixin
    StackOptions stacks;

    @Option(names = "--data-dir", defaultValue = "${user.home}/.dinp", description = "data directory: H2 database, build work space (default: ${DEFAULT-VALUE})")
    Path dataDir;

    @Option(names = "--bind", defaultValue = "0.0.0.0", description = "listen address; beyond loopback the API serves "
            + "HTTPS only: --tls-cert/--tls-key, or --server for a certificate of the cluster CA (default: ${DEFAULT-VALUE})")
    String bind;

    @Option(names = "--tls-cert", paramLabel = "FILE", description = "PEM certificate chain (leaf first) for the API's HTTPS")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "FILE", description = "unencrypted PKCS#8 PEM key of --tls-cert")
    Path tlsKey;

    @Option(names = "--server", paramLabel = "URL", description = "the server's control API (https://…:7071; several "
            + "servers separated by commas): the builder then joins the cluster through the database, as dash does, and "
            + "serves HTTPS with a certificate of the cluster CA")
    String server;

    @picocli.CommandLine.Mixin
    HostNamesOption tlsNames;

    @Option(names = "--port", defaultValue = "7072", description = "API port (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--docker-host", defaultValue = "unix:///var/run/docker.sock", description = "Docker Engine that builds (default: ${DEFAULT-VALUE})")
    String dockerHost;

    @Mixin
    MetricsOptions metrics;

    @Override
    public Integer call() throws Exception {
        if ((tlsCert == null) != (tlsKey == null)) {
            System.err.println("dinp builder: --tls-cert and --tls-key go together");
            return 2;
        }
        if (tlsCert == null && server == null && !io.dinp.dash.Loopback.is(bind)) {
            System.err.println("dinp builder: the API listens on " + bind + ", beyond this machine, and serves HTTPS only there: "
                    + "give --tls-cert/--tls-key, or --server to use a certificate of the cluster CA, or --bind 127.0.0.1");
            return 2;
        }
        try {
            metrics.check();
            DockerClients.requireLocalSocket(dockerHost);
            registry.credentials();
            registry.trustInEngine("builder", dockerHost);
        } catch (IllegalArgumentException e) {
            System.err.println("dinp builder: " + e.getMessage());
            return 2;
        }
        Database database;
        try {
            database = db.open(dataDir, "builder");
        } catch (IllegalArgumentException e) {
            System.err.println("dinp builder: " + e.getMessage());
            return 2;
        } catch (DatabaseUnreachableException e) {
            System.err.println("dinp builder: " + e.getMessage());
            return 1;
        }
        javax.net.ssl.SSLContext tls = null;
        io.dinp.common.pki.ClusterIdentity identity = null;
        try {
            if (tlsCert != null) {
                tls = io.dinp.pki.TlsContexts.of(io.dinp.pki.ServingCertificate.read(tlsCert, tlsKey, java.time.Instant.now()), null);
            } else if (!io.dinp.dash.Loopback.is(bind)) {
                String serverUrl = io.dinp.common.http.JsonClient.httpsBase(server);
                io.dinp.pki.Identity me = new io.dinp.pki.Identity(io.dinp.pki.Role.DASH, "builder-" + HmCommand.hostId());
                java.util.List<String> names = tlsNames.names();
                identity = Joining.untilJoined("builder", serverUrl,
                        () -> DashJoin.join(serverUrl, database, dataDir, me, names, java.time.Clock.systemUTC()));
                tls = identity.serverContext(io.dinp.pki.Role.DASH);
            }
        } catch (IllegalArgumentException | io.dinp.common.pki.EnrolmentRefused e) {
            System.err.println("dinp builder: " + e.getMessage());
            database.close();
            return 2;
        }
        var docker = DockerClients.create(dockerHost);
        BuildService service = Builders.service(database, docker, dataDir, registry, stacks);
        HttpApi api = new HttpApi(CallerResolver.over(database));
        api.open("GET", "/healthz", ex -> ex.json(200, Map.of("status", "ok")));
        Builders.routes(service, database).accept(api);
        // users call with tokens, not certificates; dash's BuilderProxy presents its cluster certificate,
        // and only then is the user's address it passes on believed (the audit's "from where")
        if (identity != null) {
            api.trustClientAddressFrom(io.dinp.pki.Role.DASH);
        }
        int bound = tls == null ? api.start(bind, port) : api.start(bind, port, tls,
                identity != null ? io.dinp.pki.TlsContexts.ClientAuth.WANT : io.dinp.pki.TlsContexts.ClientAuth.NONE);
        System.out.println("dinp builder: API on port " + bound + (tls == null ? " (plain HTTP, loopback only)" : " (HTTPS)")
                + (registry.address == null ? ", images stay local" : ", pushing to " + registry.address));
        List<AutoCloseable> parts = new java.util.ArrayList<>(List.of(database, docker, service));
        if (identity != null) {
            parts.add(identity);
        }
        parts.add(api);
        metrics.start("dinp builder", new io.dinp.common.metrics.Healthz().add("database", HealthChecks.database(database))
                .add("builder", service::health), parts, List.of());
        Blocking.runUntilStopped(parts);
        return 0;
    }
}
