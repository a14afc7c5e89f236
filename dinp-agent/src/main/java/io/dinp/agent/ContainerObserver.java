package io.dinp.agent;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.Ports;
import io.dinp.model.ContainerReport;
import io.dinp.model.ContainerState;
import io.dinp.model.Labels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Lists this node's DINP containers from Docker and describes each one.
 */
public final class ContainerObserver {
    /** Lines of an exited container's output kept in its report, for the app's crash status. */
    static final int LOG_TAIL_LINES = 20;
    private static final int MAX_LINE = 500;

    private final DockerClient docker;
    private final String nodeId;
    /** Exited containers' last lines, read once per container: its output no longer changes. */
    private final Map<String, List<String>> tails = new ConcurrentHashMap<>();

    public ContainerObserver(DockerClient docker, String nodeId) {
        this.docker = docker;
        this.nodeId = nodeId;
    }

    /** Every container labelled as DINP's and as this node's, in any state. */
    public List<ObservedContainer> observe() {
        return observe(Set.of());
    }

    /**
     * Every container labelled as DINP's and as this node's, in any state; an exited one carries its
     * last lines unless it is one of {@code removing} (the agent stopped it: its output tells nothing
     * and Docker may refuse to read it while removing it).
     */
    public List<ObservedContainer> observe(Set<String> removing) {
        List<Container> listed = docker.listContainersCmd()
                .withShowAll(true)
                .withLabelFilter(Map.of(Labels.MANAGED, "true", Labels.NODE, nodeId))
                .exec();
        List<ObservedContainer> observed = new ArrayList<>(listed.size());
        Set<String> seen = new HashSet<>();
        for (Container c : listed) {
            try {
                ObservedContainer o = describe(docker.inspectContainerCmd(c.getId()).exec());
                if (o.report().state() == ContainerState.EXITED && !removing.contains(o.report().instanceId())) {
                    seen.add(c.getId());
                    o = new ObservedContainer(o.nodeId(), o.report().withLogTail(tails.computeIfAbsent(c.getId(), this::logTail)));
                }
                observed.add(o);
            } catch (NotFoundException e) {
                // removed between list and inspect: it is simply not there any more
            }
        }
        tails.keySet().retainAll(seen);
        return observed;
    }

    /** The last lines the container wrote to stdout and stderr; empty when Docker cannot say. */
    List<String> logTail(String containerId) {
        List<String> lines = java.util.Collections.synchronizedList(new ArrayList<>());
        try {
            docker.logContainerCmd(containerId).withStdOut(true).withStdErr(true).withTail(LOG_TAIL_LINES)
                    .exec(new ResultCallback.Adapter<Frame>() {
                        @Override
                        public void onNext(Frame f) {
                            String text = new String(f.getPayload(), StandardCharsets.UTF_8);
                            for (String line : text.split("\\r?\\n")) {
                                if (!line.isEmpty()) {
                                    lines.add(line.length() > MAX_LINE ? line.substring(0, MAX_LINE) + "..." : line);
                                }
                            }
                        }

                        @Override
                        public void onError(Throwable t) {
                            // not the template's ERROR log: a container removed meanwhile has no logs, that is all
                            try {
                                close();
                            } catch (java.io.IOException ignored) {
                                // closing only releases the wait
                            }
                        }
                    }).awaitCompletion(1, TimeUnit.SECONDS);
        } catch (RuntimeException e) {
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
        synchronized (lines) {
            return List.copyOf(lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        }
    }

    private static ObservedContainer describe(InspectContainerResponse c) {
        Map<String, String> labels = c.getConfig().getLabels() == null ? Map.of() : c.getConfig().getLabels();
        InspectContainerResponse.ContainerState s = c.getState();
        ContainerState state = state(s.getStatus());
        Integer exitCode = state == ContainerState.EXITED && s.getExitCodeLong() != null
                ? Integer.valueOf(s.getExitCodeLong().intValue()) : null;
        ContainerReport report = new ContainerReport(
                labels.get(Labels.INSTANCE), labels.get(Labels.APP), labels.get(Labels.SPEC), c.getId(),
                c.getConfig().getImage(), parseInt(labels.get(Labels.MEMORY)), state, hostPort(c), false,
                exitCode, error(state, exitCode, Boolean.TRUE.equals(s.getOOMKilled()), s.getError(),
                        parseInt(labels.get(Labels.MEMORY))));
        return new ObservedContainer(labels.get(Labels.NODE), report);
    }

    /** Docker's status word as a DINP state. */
    static ContainerState state(String status) {
        if (status == null) {
            return ContainerState.EXITED;
        }
        return switch (status) {
            case "created" -> ContainerState.CREATING;
            case "running", "paused", "restarting" -> ContainerState.RUNNING;
            default -> ContainerState.EXITED; // exited, dead, removing
        };
    }

    /** Why the container is not serving, for people; null when it runs. */
    static String error(ContainerState state, Integer exitCode, boolean oomKilled, String dockerError, int memoryMb) {
        if (state != ContainerState.EXITED) {
            return null;
        }
        if (oomKilled) {
            return "killed: out of memory (limit " + memoryMb + " MB); give the app more memory";
        }
        if (dockerError != null && !dockerError.isBlank()) {
            return "exited with code " + exitCode + ": " + dockerError;
        }
        return "exited with code " + exitCode;
    }

    /** The host port container port 8080 is published on, 0 if none. */
    static int hostPort(InspectContainerResponse c) {
        if (c.getNetworkSettings() == null || c.getNetworkSettings().getPorts() == null) {
            return 0;
        }
        Ports.Binding[] bindings = c.getNetworkSettings().getPorts().getBindings().get(ExposedPort.tcp(Labels.APP_PORT));
        if (bindings == null) {
            return 0;
        }
        for (Ports.Binding b : bindings) {
            int port = parseInt(b.getHostPortSpec());
            if (port > 0) {
                return port;
            }
        }
        return 0;
    }

    static int parseInt(String s) {
        try {
            return s == null ? 0 : Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
