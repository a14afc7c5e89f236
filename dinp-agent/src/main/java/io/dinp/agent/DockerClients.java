package io.dinp.agent;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import java.time.Duration;

/**
 * Makes docker-java clients that use the Apache HttpClient 5 transport.
 */
public final class DockerClients {
    /**
     * DINP sends registry credentials with each pull itself; the operator's own {@code docker login}s
     * in ~/.docker must neither help nor leak into what DINP does, so no client config is read.
     */
    static final String NO_DOCKER_CONFIG = "/nonexistent/dinp-reads-no-docker-config";
    /** Enough for the parallel creates of one converge plus the event stream and the reporter. */
    private static final int MAX_CONNECTIONS = 32;

    private DockerClients() {
    }

    /** A client of the Docker Engine at {@code dockerHost} (e.g. {@code unix:///var/run/docker.sock}). */
    public static DockerClient create(String dockerHost) {
        return create(dockerHost, MAX_CONNECTIONS);
    }

    /** With its own pool of {@code maxConnections}: e.g. for log followers, which hold theirs for long. */
    public static DockerClient create(String dockerHost, int maxConnections) {
        requireLocalSocket(dockerHost);
        DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(dockerHost)
                .withDockerConfig(NO_DOCKER_CONFIG)
                .build();
        ApacheDockerHttpClient http = new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig())
                .maxConnections(maxConnections)
                .connectionTimeout(Duration.ofSeconds(10))
                // no response timeout: event streams and long stops legitimately stay open
                .build();
        return DockerClientImpl.getInstance(config, http);
    }

    /**
     * The Engine is reached through its local socket only: whoever reaches its API is root on the
     * host, and a TCP endpoint would put that on the network (the original's mistake).
     *
     * @throws IllegalArgumentException for any other endpoint
     */
    public static void requireLocalSocket(String dockerHost) {
        if (dockerHost == null || !dockerHost.startsWith("unix:///")) {
            throw new IllegalArgumentException("--docker-host must be the Engine's local socket (unix:///...), was "
                    + dockerHost + ": DINP never reaches a Docker Engine over the network");
        }
    }
}
