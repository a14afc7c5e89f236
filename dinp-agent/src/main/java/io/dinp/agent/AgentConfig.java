package io.dinp.agent;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How one agent runs: which node it is, what it offers and how it reaches Docker.
 *
 * @param nodeId      the node's name; labels every container this agent creates
 * @param address     where the router reaches this node's published ports
 * @param memoryMb    memory offered to instances
 * @param dockerHost  the Docker Engine endpoint, e.g. {@code unix:///var/run/docker.sock}
 * @param bindIp      host IP that published ports bind to
 * @param heartbeat   how often the node reports when nothing happens
 * @param stopTimeout how long a container may take to stop before it is killed
 * @param keepImages  images of each app kept on the node, at least 1; older ones from DINP registries are deleted
 * @param logUrl      where this agent serves its instances' logs to dash, reported to the server; null for none
 */
public record AgentConfig(String nodeId, String address, int memoryMb, String dockerHost, String bindIp,
                          Duration heartbeat, Duration stopTimeout, int keepImages, String logUrl) {
    public static final String DEFAULT_ADDRESS = "127.0.0.1";
    public static final String DEFAULT_DOCKER_HOST = "unix:///var/run/docker.sock";
    public static final String DEFAULT_BIND_IP = "0.0.0.0";
    public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(1);
    public static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(10);
    public static final int DEFAULT_KEEP_IMAGES = 5;
    /** A node id becomes a label value and part of log lines: keep it plain. */
    public static final Pattern NODE_ID = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$");

    /** Fills defaults for null (or, for memory, non-positive) values. */
    public AgentConfig {
        Objects.requireNonNull(nodeId, "nodeId");
        if (!NODE_ID.matcher(nodeId).matches()) {
            throw new IllegalArgumentException("nodeId must match " + NODE_ID + ", was '" + nodeId + "'");
        }
        address = address == null || address.isBlank() ? DEFAULT_ADDRESS : address;
        memoryMb = memoryMb > 0 ? memoryMb : HostMemory.defaultCapacityMb();
        dockerHost = dockerHost == null || dockerHost.isBlank() ? DEFAULT_DOCKER_HOST : dockerHost;
        bindIp = bindIp == null || bindIp.isBlank() ? DEFAULT_BIND_IP : bindIp;
        heartbeat = heartbeat == null ? DEFAULT_HEARTBEAT : heartbeat;
        stopTimeout = stopTimeout == null ? DEFAULT_STOP_TIMEOUT : stopTimeout;
        if (heartbeat.isNegative() || heartbeat.isZero()) {
            throw new IllegalArgumentException("heartbeat must be positive, was " + heartbeat);
        }
        if (stopTimeout.isNegative()) {
            throw new IllegalArgumentException("stopTimeout must not be negative, was " + stopTimeout);
        }
        if (keepImages < 1) {
            throw new IllegalArgumentException("keepImages must be at least 1, was " + keepImages);
        }
    }

    /** Serves no logs over HTTP. */
    public AgentConfig(String nodeId, String address, int memoryMb, String dockerHost, String bindIp,
                       Duration heartbeat, Duration stopTimeout, int keepImages) {
        this(nodeId, address, memoryMb, dockerHost, bindIp, heartbeat, stopTimeout, keepImages, null);
    }

    /** Keeps {@link #DEFAULT_KEEP_IMAGES} images per app. */
    public AgentConfig(String nodeId, String address, int memoryMb, String dockerHost, String bindIp,
                       Duration heartbeat, Duration stopTimeout) {
        this(nodeId, address, memoryMb, dockerHost, bindIp, heartbeat, stopTimeout, DEFAULT_KEEP_IMAGES);
    }

    /** A node with every default: local address, host memory minus a reserve, the local socket. */
    public static AgentConfig of(String nodeId) {
        return new AgentConfig(nodeId, null, 0, null, null, null, null);
    }

    public AgentConfig withMemoryMb(int mb) {
        return new AgentConfig(nodeId, address, mb, dockerHost, bindIp, heartbeat, stopTimeout, keepImages, logUrl);
    }

    public AgentConfig withAddress(String newAddress) {
        return new AgentConfig(nodeId, newAddress, memoryMb, dockerHost, bindIp, heartbeat, stopTimeout, keepImages, logUrl);
    }

    public AgentConfig withHeartbeat(Duration interval) {
        return new AgentConfig(nodeId, address, memoryMb, dockerHost, bindIp, interval, stopTimeout, keepImages, logUrl);
    }

    public AgentConfig withStopTimeout(Duration timeout) {
        return new AgentConfig(nodeId, address, memoryMb, dockerHost, bindIp, heartbeat, timeout, keepImages, logUrl);
    }

    public AgentConfig withKeepImages(int n) {
        return new AgentConfig(nodeId, address, memoryMb, dockerHost, bindIp, heartbeat, stopTimeout, n, logUrl);
    }

    public AgentConfig withLogUrl(String url) {
        return new AgentConfig(nodeId, address, memoryMb, dockerHost, bindIp, heartbeat, stopTimeout, keepImages, url);
    }
}
