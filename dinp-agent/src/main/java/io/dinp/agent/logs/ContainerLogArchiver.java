package io.dinp.agent.logs;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Frame;
import io.dinp.model.Labels;
import io.dinp.model.LogEvent;
import io.dinp.registry.DockerFailures;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies a stopped container's last lines into the {@link LogArchive} before the agent removes
 * it, so a replaced or crashed instance's output stays readable. Only containers labelled as
 * DINP's and as this node's are copied.
 */
final class ContainerLogArchiver {
    private static final Logger log = LoggerFactory.getLogger(ContainerLogArchiver.class);
    /** Lines kept per instance: the newest ones, which say why it ended. */
    static final int MAX_LINES = 1000;
    /** Bytes of text kept per instance, whatever the lines' length. */
    static final long MAX_BYTES = 1024 * 1024;
    private static final long READ_TIMEOUT_SECONDS = 10;

    private final DockerClient docker;
    private final String nodeId;
    private final LogArchive archive;

    ContainerLogArchiver(DockerClient docker, String nodeId, LogArchive archive) {
        this.docker = docker;
        this.nodeId = nodeId;
        this.archive = archive;
    }

    /** Keeps the container's last lines; a failure is logged, never thrown: removal goes on. */
    void archive(String containerId) {
        if (!archive.enabled()) {
            return;
        }
        try {
            InspectContainerResponse c = docker.inspectContainerCmd(containerId).exec();
            Map<String, String> labels = c.getConfig().getLabels() == null ? Map.of() : c.getConfig().getLabels();
            String app = labels.get(Labels.APP);
            String instance = labels.get(Labels.INSTANCE);
            if (!"true".equals(labels.get(Labels.MANAGED)) || !nodeId.equals(labels.get(Labels.NODE))
                    || !LogArchive.safe(app, instance)) {
                return;
            }
            List<LogEvent> lines = lastLines(containerId, instance);
            if (!lines.isEmpty()) {
                archive.write(app, instance, lines);
                log.debug("kept {} log lines of instance {} of app {}", lines.size(), instance, app);
            }
        } catch (NotFoundException e) {
            // removed from outside meanwhile: nothing left to keep
        } catch (IOException | RuntimeException e) {
            log.warn("cannot keep the log of container {}: {}", containerId, DockerFailures.message(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The newest lines, within {@link #MAX_LINES} and {@link #MAX_BYTES}. */
    private List<LogEvent> lastLines(String containerId, String instance) throws InterruptedException {
        FrameLines split = new FrameLines(instance, null, null);
        ArrayDeque<LogEvent> kept = new ArrayDeque<>();
        long[] bytes = {0};
        ResultCallback.Adapter<Frame> cb = new ResultCallback.Adapter<>() {
            @Override
            public void onNext(Frame f) {
                synchronized (kept) {
                    for (LogEvent e : split.add(f.getStreamType(), f.getPayload(), Instant.now())) {
                        kept.addLast(e);
                        bytes[0] += e.line().length();
                        while (kept.size() > MAX_LINES || bytes[0] > MAX_BYTES) {
                            bytes[0] -= kept.removeFirst().line().length();
                        }
                    }
                }
            }

            @Override
            public void onError(Throwable t) {
                // what was read is still worth keeping; the template would log a stack trace
                try {
                    close();
                } catch (IOException ignored) {
                    // closing only releases the wait
                }
            }
        };
        try (cb) {
            docker.logContainerCmd(containerId).withStdOut(true).withStdErr(true).withTimestamps(true)
                    .withTail(MAX_LINES).exec(cb).awaitCompletion(READ_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (IOException e) {
            // closing only releases the stream
        }
        synchronized (kept) {
            kept.addAll(split.end());
            return List.copyOf(kept);
        }
    }
}
