package io.dinp.agent.logs;

import com.github.dockerjava.api.DockerClient;
import io.dinp.common.logs.ByteBudget;
import io.dinp.model.LogEvent;
import io.dinp.model.LogQuery;
import io.dinp.model.LogSink;
import io.dinp.model.NodeLogs;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The logs of this node's instances: served to dash (directly in one JVM, through
 * {@link AgentLogApi} otherwise), and kept for a while after the agent removes a container.
 *
 * <p>Memory is bounded however many follow: each followed container has a queue of
 * {@value AppLogStream#QUEUE_BYTES} bytes, all queues together {@link #BUDGET_BYTES}, and at most
 * {@link #MAX_READERS} containers are read at once (each is one connection to Docker).
 */
public final class AgentLogs implements NodeLogs, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AgentLogs.class);
    public static final Duration DEFAULT_RETENTION = Duration.ofHours(1);
    /** The archive's size limit on one node; past it the oldest kept logs go first. */
    public static final long MAX_ARCHIVE_BYTES = 512L * 1024 * 1024;
    static final long BUDGET_BYTES = 32L * 1024 * 1024;
    /** Also the size of the logs' own Docker connection pool (see {@link #dockerConnections()}). */
    static final int MAX_READERS = 64;
    static final Duration KEEPALIVE = Duration.ofSeconds(10);
    private static final Duration SWEEP_EVERY = Duration.ofMinutes(1);

    private final DockerClient docker;
    private final String nodeId;
    private final LogArchive archive;
    private final ContainerLogArchiver archiver;
    private final ByteBudget budget = new ByteBudget(BUDGET_BYTES);
    private final Semaphore readerSlots = new Semaphore(MAX_READERS);
    private final ScheduledExecutorService sweeper;
    private final Duration keepalive;
    private final boolean ownsDocker;

    /**
     * @param docker    a client of the node's Engine for logs only: followers hold its connections
     * @param dir       where removed instances' lines are kept, this node's own
     * @param retention how long they are kept; zero keeps none
     */
    public AgentLogs(DockerClient docker, String nodeId, Path dir, Duration retention) {
        this(docker, nodeId, dir, retention, KEEPALIVE, false);
    }

    AgentLogs(DockerClient docker, String nodeId, Path dir, Duration retention, Duration keepalive, boolean ownsDocker) {
        this.ownsDocker = ownsDocker;
        this.docker = docker;
        this.nodeId = nodeId;
        this.archive = new LogArchive(dir, retention, MAX_ARCHIVE_BYTES);
        this.archiver = new ContainerLogArchiver(docker, nodeId, archive);
        this.keepalive = keepalive;
        this.sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "dinp-agent-log-sweep-" + nodeId);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * With a Docker client of its own, closed with it: followers hold their connections for
     * long and must not take those the agent needs to create and stop containers.
     */
    public static AgentLogs open(String dockerHost, String nodeId, Path dir, Duration retention) {
        return new AgentLogs(io.dinp.agent.DockerClients.create(dockerHost, MAX_READERS + 8), nodeId, dir, retention,
                KEEPALIVE, true);
    }

    /** Starts sweeping expired kept logs (once now, then every minute). */
    public AgentLogs start() {
        sweeper.scheduleWithFixedDelay(this::sweep, 0, SWEEP_EVERY.toSeconds(), TimeUnit.SECONDS);
        return this;
    }

    private void sweep() {
        try {
            archive.sweep(Clock.systemUTC().instant());
        } catch (RuntimeException e) {
            log.warn("sweeping kept logs failed: {}", e.toString());
        }
    }

    @Override
    public void stream(LogQuery query, LogSink sink) throws Exception {
        try {
            new AppLogStream(docker, nodeId, archive, budget, readerSlots, keepalive, query, sink).run();
        } catch (java.io.IOException | RuntimeException e) {
            sink.accept(LogEvent.error(nodeId, "node " + nodeId + " could not read its logs: " + e.getMessage()));
        }
    }

    /** Keeps a stopped container's last lines before its removal; for {@code Agent}'s remover. */
    public void keep(String containerId) {
        archiver.archive(containerId);
        sweep();
    }

    public Duration retention() {
        return archive.retention();
    }

    @Override
    public void close() {
        sweeper.shutdownNow();
        if (ownsDocker) {
            try {
                docker.close();
            } catch (java.io.IOException e) {
                log.debug("closing the logs' Docker client", e);
            }
        }
    }
}
