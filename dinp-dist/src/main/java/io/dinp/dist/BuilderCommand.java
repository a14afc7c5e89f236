package io.dinp.dist;

import io.dinp.agent.DockerClients;
import io.dinp.builder.BuildService;
import io.dinp.common.http.HttpApi;
import io.dinp.dash.auth.CallerResolver;
import io.dinp.store.Database;
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

    @Option(names = "--bind", defaultValue = "0.0.0.0", description = "listen address (default: ${DEFAULT-VALUE})")
    String bind;

    @Option(names = "--port", defaultValue = "7072", description = "API port (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--docker-host", defaultValue = "unix:///var/run/docker.sock", description = "Docker Engine that builds (default: ${DEFAULT-VALUE})")
    String dockerHost;

    @Override
    public Integer call() throws Exception {
        try {
            DockerClients.requireLocalSocket(dockerHost);
        } catch (IllegalArgumentException e) {
            System.err.println("dinp: " + e.getMessage());
            return 2;
        }
        Database database = db.open(dataDir);
        var docker = DockerClients.create(dockerHost);
        BuildService service = Builders.service(database, docker, dataDir, registry, stacks);
        HttpApi api = new HttpApi(CallerResolver.over(database));
        api.open("GET", "/healthz", ex -> ex.json(200, Map.of("status", "ok")));
        Builders.routes(service, database).accept(api);
        int bound = api.start(bind, port);
        System.out.println("dinp builder: API on port " + bound + (registry.address == null ? ", images stay local"
                : ", pushing to " + registry.address));
        Blocking.runUntilStopped(List.of(database, docker, service, api));
        return 0;
    }
}
