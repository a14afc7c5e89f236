package io.dinp.agent;

import io.dinp.registry.DockerFailures;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.PullResponseItem;
import io.dinp.registry.DockerAuth;
import io.dinp.registry.ProgressCallback;
import io.dinp.registry.RegistryCredentials;
import com.github.dockerjava.api.command.CreateContainerResponse;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.LogConfig;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.RestartPolicy;
import com.github.dockerjava.api.model.Ports;
import io.dinp.model.AppValidation;
import io.dinp.model.InstanceSpec;
import io.dinp.model.Labels;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns an instance spec into a started container of this node: image, create, start.
 */
public final class ContainerLauncher {
    private static final Logger log = LoggerFactory.getLogger(ContainerLauncher.class);
    private static final long PULL_TIMEOUT_MINUTES = 10;
    private static final long MIB = 1024L * 1024L;
    /**
     * Docker's own log files, rotated: a chatty app cannot fill the disk, and the agent reads
     * instance logs through the Engine's logs API, which json-file serves on every Engine.
     */
    static final LogConfig LOG_CONFIG = new LogConfig(LogConfig.LoggingType.JSON_FILE,
            Map.of("max-size", "10m", "max-file", "3"));

    private final DockerClient docker;
    private final String nodeId;
    private final String bindIp;
    private final List<RegistryCredentials> registries;
    private final ContainerPolicy policy;
    private final AppNetworks networks;
    private final SecretEnvOpener secrets;
    private final AgentMetrics metrics;

    /**
     * @param registries the credentials of the private registries this node may pull from
     * @param networks   the apps' networks; null when {@code policy} keeps containers on Docker's default bridge
     * @param secrets    opens the instances' sealed secrets
     */
    ContainerLauncher(DockerClient docker, String nodeId, String bindIp, List<RegistryCredentials> registries,
                      ContainerPolicy policy, AppNetworks networks, SecretEnvOpener secrets, AgentMetrics metrics) {
        this.metrics = metrics;
        this.docker = docker;
        this.nodeId = nodeId;
        this.bindIp = bindIp;
        this.registries = List.copyOf(registries);
        this.policy = policy;
        this.networks = networks;
        this.secrets = secrets;
    }

    /** A started container and the host port its app port is published on (0 if it already exited). */
    public record Launched(String containerId, int hostPort) {
    }

    /**
     * Creates and starts the instance's container.
     *
     * @throws LaunchException with a sentence for the user; nothing of the instance is left behind
     */
    public Launched launch(InstanceSpec spec) throws LaunchException {
        boolean readOnly = ensureImage(spec.image());
        Map<String, String> opened = secrets.open(spec);
        String network = networks == null ? null : networks.ensure(spec.app());
        String containerId;
        try {
            containerId = create(spec, env(spec, opened), readOnly, network);
        } catch (NotFoundException e) {
            if (network == null) {
                throw new LaunchException("cannot create container for instance " + spec.id() + ": " + DockerFailures.message(e), e);
            }
            // another agent of this Engine removed the app's network between ensure and create: once more
            try {
                containerId = create(spec, env(spec, opened), readOnly, networks.ensure(spec.app()));
            } catch (RuntimeException again) {
                throw new LaunchException("cannot create container for instance " + spec.id() + ": "
                        + DockerFailures.message(again), again);
            }
        } catch (RuntimeException e) {
            throw new LaunchException("cannot create container for instance " + spec.id() + ": " + DockerFailures.message(e), e);
        }
        try {
            docker.startContainerCmd(containerId).exec();
            int hostPort = ContainerObserver.hostPort(docker.inspectContainerCmd(containerId).exec());
            log.info("started instance {} of app {} as container {} on host port {}",
                    spec.id(), spec.app(), ReportBuilder.shortId(containerId), hostPort);
            return new Launched(containerId, hostPort);
        } catch (RuntimeException e) {
            discard(containerId);
            throw new LaunchException("cannot start container for instance " + spec.id() + ": " + DockerFailures.message(e), e);
        }
    }

    /** The plaintext of secrets is in {@code env} only for this call: it is never logged or kept. */
    private String create(InstanceSpec spec, List<String> env, boolean readOnly, String network) {
        ExposedPort appPort = ExposedPort.tcp(Labels.APP_PORT);
        long memory = spec.memoryMb() * MIB;
        HostConfig host = HostConfig.newHostConfig()
                .withMemory(memory)
                .withMemorySwap(memory) // same as memory: no swap, so the limit is real
                // the server, not Docker, decides what replaces a dead instance
                .withRestartPolicy(RestartPolicy.noRestart())
                // a tiny init as PID 1 forwards SIGTERM and reaps zombies: apps need not
                // be written to run as PID 1 for a stop to be graceful and quick
                .withInit(true)
                .withLogConfig(LOG_CONFIG)
                .withPortBindings(new PortBinding(Ports.Binding.bindIp(bindIp), appPort));
        if (network != null) {
            host.withNetworkMode(network);
        }
        // no binds, no mounts: nothing of the host (least of all the Docker socket) is in a container
        ContainerSecurity.apply(host, policy, readOnly, spec.memoryMb());
        CreateContainerResponse created = docker.createContainerCmd(spec.image())
                .withName(containerName(spec.id()))
                .withLabels(labels(spec))
                .withEnv(env)
                .withExposedPorts(appPort)
                .withHostConfig(host)
                .exec();
        return created.getId();
    }

    /** Docker names are unique per daemon, so this also guards against creating an instance twice. */
    public static String containerName(String instanceId) {
        return "dinp-" + instanceId;
    }

    Map<String, String> labels(InstanceSpec spec) {
        return Map.of(
                Labels.MANAGED, "true",
                Labels.APP, spec.app(),
                Labels.INSTANCE, spec.id(),
                Labels.NODE, nodeId,
                Labels.SPEC, String.valueOf(spec.specHash()),
                Labels.MEMORY, String.valueOf(spec.memoryMb()));
    }

    /** Platform variables first; the app's own may not replace them; then its opened secrets. */
    static List<String> env(InstanceSpec spec, Map<String, String> secrets) {
        List<String> env = new ArrayList<>();
        env.add("PORT=" + Labels.APP_PORT);
        env.add("DINP_APP=" + spec.app());
        env.add("DINP_INSTANCE=" + spec.id());
        new TreeMap<>(spec.env()).forEach((k, v) -> {
            if (!AppValidation.RESERVED_ENV.contains(k)) {
                env.add(k + "=" + v);
            }
        });
        new TreeMap<>(secrets).forEach((k, v) -> {
            if (!AppValidation.RESERVED_ENV.contains(k) && !spec.env().containsKey(k)) {
                env.add(k + "=" + v);
            }
        });
        return env;
    }

    /** Makes sure the node has the image; answers whether its stack runs with a read-only root file system. */
    private boolean ensureImage(String image) throws LaunchException {
        try {
            return readOnly(docker.inspectImageCmd(image).exec());
        } catch (NotFoundException e) {
            log.info("image {} is not on this node, pulling it", image);
        }
        long started = System.nanoTime();
        boolean ok = false;
        try {
            pull(image);
            ok = true;
        } finally {
            metrics.pulled(System.nanoTime() - started, ok);
        }
        try {
            return readOnly(docker.inspectImageCmd(image).exec());
        } catch (RuntimeException e) {
            throw new LaunchException("image \"" + image + "\" was pulled but cannot be inspected: " + DockerFailures.message(e), e);
        }
    }

    private void pull(String image) throws LaunchException {
        ImageRef ref = ImageRef.parse(image);
        ProgressCallback<PullResponseItem> pull = new ProgressCallback<>();
        boolean done;
        try {
            var cmd = docker.pullImageCmd(ref.repository()).withTag(ref.tag());
            registries.stream().filter(r -> r.serves(image)).findFirst()
                    .ifPresent(r -> cmd.withAuthConfig(DockerAuth.of(r)));
            done = cmd.exec(pull)
                    .awaitCompletion(PULL_TIMEOUT_MINUTES, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LaunchException("interrupted while pulling image \"" + image + "\"", e);
        } catch (RuntimeException e) {
            throw new LaunchException("image \"" + image + "\" not found locally and could not be pulled: "
                    + DockerFailures.message(e), e);
        }
        if (!done) {
            throw new LaunchException("image \"" + image + "\" not found locally and its pull did not finish in "
                    + PULL_TIMEOUT_MINUTES + " minutes", null);
        }
        if (pull.error() != null) {
            throw new LaunchException("image \"" + image + "\" not found locally and could not be pulled: "
                    + pull.error(), null);
        }
        log.info("pulled image {}", image);
    }

    /** Only the image's own word makes the root file system read-only: an image built by any other means may need to write. */
    static boolean readOnly(InspectImageResponse image) {
        Map<String, String> labels = image.getConfig() == null ? null : image.getConfig().getLabels();
        return labels != null && "true".equals(labels.get(ContainerPolicy.READ_ONLY_LABEL));
    }

    private void discard(String containerId) {
        try {
            docker.removeContainerCmd(containerId).withForce(true).exec();
        } catch (RuntimeException e) {
            log.warn("cannot remove container {} after its failed start: {}",
                    ReportBuilder.shortId(containerId), DockerFailures.message(e));
        }
    }
}
