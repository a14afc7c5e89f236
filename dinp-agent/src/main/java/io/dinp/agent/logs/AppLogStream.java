package io.dinp.agent.logs;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import io.dinp.common.logs.ByteBudget;
import io.dinp.common.logs.EventQueue;
import io.dinp.common.logs.LogMerge;
import io.dinp.model.Labels;
import io.dinp.model.LogEvent;
import io.dinp.model.LogQuery;
import io.dinp.model.LogSink;
import io.dinp.registry.DockerFailures;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Semaphore;

/**
 * One reader's stream of an app's logs on this node: first the kept lines of removed
 * instances, then each container's lines through its own bounded queue; following, containers
 * that appear later are picked up within a second.
 */
final class AppLogStream {
    /** What one container's queue may hold before a follower drops its lines. */
    static final long QUEUE_BYTES = 256 * 1024;
    static final Duration RELIST = Duration.ofSeconds(1);

    private final DockerClient docker;
    private final String nodeId;
    private final LogArchive archive;
    private final ByteBudget budget;
    private final Semaphore readerSlots;
    private final Duration keepalive;
    private final LogQuery q;
    private final LogSink sink;
    private final Set<String> started = new HashSet<>();
    private final List<ContainerLogReader> readers = new ArrayList<>();
    private LogMerge merge;

    AppLogStream(DockerClient docker, String nodeId, LogArchive archive, ByteBudget budget, Semaphore readerSlots,
                 Duration keepalive, LogQuery q, LogSink sink) {
        this.docker = docker;
        this.nodeId = nodeId;
        this.archive = archive;
        this.budget = budget;
        this.readerSlots = readerSlots;
        this.keepalive = keepalive;
        this.q = q;
        this.sink = sink;
    }

    void run() throws IOException, InterruptedException {
        List<Container> now = containers();
        now = now == null ? List.of() : now;
        Set<String> live = new HashSet<>();
        now.forEach(c -> live.add(instanceOf(c)));
        for (LogArchive.Archived a : archive.list(q.app())) {
            // a stopped container being archived right now is still listed: read it from Docker
            if ((q.instance() == null || q.instance().equals(a.instance())) && !live.contains(a.instance())) {
                if (!archive.replay(a, q, nodeId, sink)) {
                    return;
                }
            }
        }
        merge = new LogMerge(sink, keepalive, budget);
        try {
            readNew(now, q.tail());
            merge.run(!q.follow(), RELIST, () -> {
                List<Container> listed = containers();
                if (listed != null) {
                    // containers started since the stream began: all of their lines
                    readNew(listed, LogQuery.ALL);
                }
            });
        } finally {
            List<ContainerLogReader> open;
            synchronized (readers) {
                open = List.copyOf(readers);
            }
            open.forEach(ContainerLogReader::close);
        }
    }

    /** The app's containers on this node, or null when Docker did not answer (said in the stream). */
    private List<Container> containers() {
        Map<String, String> labels = new HashMap<>(Map.of(Labels.MANAGED, "true", Labels.NODE, nodeId, Labels.APP, q.app()));
        if (q.instance() != null) {
            labels.put(Labels.INSTANCE, q.instance());
        }
        try {
            return docker.listContainersCmd().withShowAll(true).withLabelFilter(labels).exec();
        } catch (RuntimeException e) {
            notice(LogEvent.error(nodeId, "cannot list the containers of node " + nodeId + ": " + DockerFailures.message(e)));
            return null;
        }
    }

    private static String instanceOf(Container c) {
        return c.getLabels() == null ? null : c.getLabels().get(Labels.INSTANCE);
    }

    /** Starts reading containers not read yet; one only created has no output yet and waits for its start. */
    private void readNew(List<Container> containers, int tail) {
        // removed containers never come back: forget them, so a long follow keeps no history
        Set<String> listed = new HashSet<>();
        containers.forEach(c -> listed.add(c.getId()));
        started.retainAll(listed);
        for (Container c : containers) {
            String instance = instanceOf(c);
            if (instance == null || "created".equals(c.getState()) || !started.add(c.getId())) {
                continue;
            }
            if (!readerSlots.tryAcquire()) {
                started.remove(c.getId());
                notice(LogEvent.error(nodeId, "node " + nodeId + " is reading too many logs at once; instance "
                        + instance + " is left out, try again later"));
                continue;
            }
            ContainerLogReader[] self = new ContainerLogReader[1];
            ContainerLogReader r = new ContainerLogReader(instance, nodeId, q.since(), merge.newQueue(QUEUE_BYTES, q.follow()),
                    () -> {
                        readerSlots.release();
                        synchronized (readers) {
                            readers.remove(self[0]);
                        }
                    });
            self[0] = r;
            synchronized (readers) {
                readers.add(r);
            }
            r.start(docker, c.getId(), q.since(), tail, q.follow());
        }
    }

    /** A notice of the stream itself, through a queue of its own so it keeps its place in the stream. */
    private void notice(LogEvent notice) {
        if (merge == null) {
            sink.accept(notice);
            return;
        }
        EventQueue q1 = merge.newQueue(QUEUE_BYTES, false);
        try {
            q1.offer(notice);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        q1.finish();
    }
}
