package io.dinp.dist;

import io.dinp.agent.Agent;
import io.dinp.agent.AgentConfig;
import io.dinp.agent.DockerClients;
import io.dinp.agent.logs.AgentLogApi;
import io.dinp.agent.logs.AgentLogs;
import io.dinp.common.http.HttpApi;
import io.dinp.common.http.HttpControlPlane;
import io.dinp.registry.RegistryCredentials;
import io.dinp.common.http.JsonClient;
import io.dinp.common.pki.ClusterIdentity;
import io.dinp.common.pki.ClusterJoin;
import io.dinp.common.pki.EnrolmentRefused;
import io.dinp.pki.Identity;
import io.dinp.pki.Role;
import io.dinp.pki.TlsContexts;
import java.time.Clock;
import io.dinp.common.secret.SecretKeyFile;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code dinp agent}: one per Docker host; reports the host and runs what it is assigned. */
@Command(name = "agent", mixinStandardHelpOptions = true,
        description = {"Run an agent: report this Docker host to the server and converge its containers to the assignment.",
                "The first start joins the cluster with a one-time token (--join-token-file or DINP_JOIN_TOKEN) and keeps",
                "the node's certificate in DATA_DIR/pki/node-<id>; later starts need no token. Renewal needs no restart."})
final class AgentCommand implements Callable<Integer> {
    @Option(names = "--server", required = true, paramLabel = "URL", description = "the server's control API, e.g. https://10.0.0.1:7071; several servers separated by commas: the one that leads "
            + "is followed by itself")
    String server;

    @Mixin
    JoinTokenOption joinToken;

    @Mixin
    RegistryOptions registry;

    @Option(names = "--node-id", required = true, description = "this node's id (unique in the cluster)")
    String nodeId;

    @Option(names = "--address", defaultValue = "127.0.0.1", description = "address routers use to reach this host's published ports (default: ${DEFAULT-VALUE})")
    String address;

    @Option(names = "--memory", paramLabel = "MB", description = "memory offered to instances (default: host memory minus 512 MB)")
    Integer memory;

    @Option(names = "--docker-host", defaultValue = "unix:///var/run/docker.sock", description = "Docker Engine endpoint (default: ${DEFAULT-VALUE})")
    String dockerHost;

    @Option(names = "--stop-timeout", defaultValue = "10", description = "seconds a container gets to stop after SIGTERM before SIGKILL (default: ${DEFAULT-VALUE})")
    int stopTimeout;

    @Option(names = "--data-dir", defaultValue = "${user.home}/.dinp",
            description = "data directory: this node's certificate (pki/node-<id>, mode 600), kept logs of removed instances, secret-key (default: ${DEFAULT-VALUE})")
    Path dataDir;

    @Option(names = "--log-bind", defaultValue = "0.0.0.0", description = "listen address of the log endpoint dash reads (default: ${DEFAULT-VALUE})")
    String logBind;

    @Option(names = "--log-port", defaultValue = "7073", description = "port of the log endpoint dash reads, reached at --address; 0 picks a free one (default: ${DEFAULT-VALUE})")
    int logPort;

    @Mixin
    LogOptions logs;

    @Mixin
    SecretKeyOption secretKey;

    @Mixin
    ContainerOptions containers;

    @Mixin
    MetricsOptions metrics;

    @Override
    public Integer call() throws Exception {
        String serverUrl;
        Identity me;
        try {
            metrics.check();
            serverUrl = JsonClient.httpsBase(server);
            me = new Identity(Role.NODE, nodeId);
        } catch (IllegalArgumentException e) {
            System.err.println("dinp agent: " + e.getMessage());
            return 2;
        }
        String token = joinToken.token();
        io.dinp.agent.ContainerPolicy policy;
        try {
            policy = containers.policy();
            DockerClients.requireLocalSocket(dockerHost);
        } catch (IllegalArgumentException e) {
            System.err.println("dinp agent: " + e.getMessage());
            return 2;
        }
        List<RegistryCredentials> registries;
        try {
            registries = registry.credentials();
            registry.trustInEngine("agent", dockerHost);
        } catch (IllegalArgumentException e) {
            System.err.println("dinp agent: " + e.getMessage());
            return 2;
        }
        ClusterIdentity identity;
        try {
            identity = Joining.untilJoined("agent", serverUrl,
                    () -> ClusterJoin.join(serverUrl, dataDir, me, List.of(), token, Clock.systemUTC()));
        } catch (EnrolmentRefused e) {
            System.err.println("dinp agent: cannot join: " + e.getMessage());
            return 2;
        }
        AgentConfig cfg = AgentConfig.of(nodeId).withAddress(address);
        if (memory != null) {
            cfg = cfg.withMemoryMb(memory);
        }
        cfg = new AgentConfig(cfg.nodeId(), cfg.address(), cfg.memoryMb(), dockerHost, cfg.bindIp(), cfg.heartbeat(),
                java.time.Duration.ofSeconds(stopTimeout)).withKeepImages(registry.keepImages);
        AgentLogs nodeLogs = logs.start(dockerHost, nodeId, dataDir);
        HttpApi logApi = AgentLogApi.create(nodeLogs);
        // only dash reads logs: a client certificate of the dash role, or no handshake
        int port = logApi.start(logBind, logPort, identity.serverContext(Role.DASH), TlsContexts.ClientAuth.NEED);
        cfg = cfg.withLogUrl("https://" + (address.contains(":") ? "[" + address + "]" : address) + ":" + port);
        var docker = DockerClients.create(dockerHost);
        // read when an instance with secrets first needs it: nodes of apps without secrets need no key
        Agent agent = new Agent(cfg, new HttpControlPlane(serverUrl, identity.httpClient(Role.SERVER)), docker, registries,
                nodeLogs::keep, policy, SecretKeyFile.whenNeeded(secretKey.in(dataDir)));
        agent.start();
        System.out.println("dinp agent " + nodeId + ": reporting to " + server + " with " + cfg.memoryMb() + " MB; logs on port " + port);
        List<AutoCloseable> parts = new java.util.ArrayList<>(List.of(identity, nodeLogs, logApi, docker, agent));
        metrics.start("dinp agent " + nodeId, new io.dinp.common.metrics.Healthz().add("agent", agent::health), parts, List.of());
        Blocking.runUntilStopped(parts);
        return 0;
    }
}
