package io.dinp.agent.logs;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.LogContainerCmd;
import com.github.dockerjava.api.model.Frame;
import io.dinp.common.logs.EventQueue;
import io.dinp.model.LogEvent;
import io.dinp.registry.DockerFailures;
import java.io.Closeable;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Reads one container's output from Docker's logs API into its queue, on docker-java's stream
 * thread. Following, it ends when the container stops; the queue then finishes.
 */
final class ContainerLogReader implements Closeable {
    private final String instance;
    private final String node;
    private final EventQueue queue;
    private final FrameLines lines;
    private final Callback callback = new Callback();
    private final Runnable ended;
    private final AtomicBoolean over = new AtomicBoolean();
    private volatile boolean closed;

    /** @param ended runs once when reading is over, however it ended */
    ContainerLogReader(String instance, String node, Instant since, EventQueue queue, Runnable ended) {
        this.instance = instance;
        this.node = node;
        this.queue = queue;
        this.lines = new FrameLines(instance, node, since);
        this.ended = ended;
    }

    private void over() {
        queue.finish();
        if (over.compareAndSet(false, true)) {
            ended.run();
        }
    }

    /** Starts reading: the newest {@code tail} lines (-1 for all) since {@code since}, then new ones if following. */
    void start(DockerClient docker, String containerId, Instant since, int tail, boolean follow) {
        LogContainerCmd cmd = docker.logContainerCmd(containerId).withStdOut(true).withStdErr(true)
                .withTimestamps(true).withFollowStream(follow);
        if (since != null) {
            cmd.withSince((int) Math.min(Integer.MAX_VALUE, since.getEpochSecond()));
        }
        if (tail >= 0) {
            cmd.withTail(tail);
        } else {
            cmd.withTailAll();
        }
        try {
            cmd.exec(callback);
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    private final class Callback extends ResultCallback.Adapter<Frame> {
        @Override
        public void onNext(Frame f) {
            if (closed) {
                return;
            }
            offer(lines.add(f.getStreamType(), f.getPayload(), Instant.now()));
        }

        @Override
        public void onError(Throwable t) {
            // not the template's ERROR log with a stack trace: a container removed meanwhile is routine
            failed(t);
        }

        @Override
        public void onComplete() {
            offer(lines.end());
            over();
            closeQuietly(this);
        }
    }

    private void offer(List<LogEvent> events) {
        try {
            for (LogEvent e : events) {
                if (!queue.offer(e)) {
                    close();
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
        }
    }

    private void failed(Throwable t) {
        if (!closed) {
            String why = DockerFailures.message(t);
            // a container removed while being read has simply ended
            if (!why.contains("No such container")) {
                offer(List.of(LogEvent.error(node, "the log of instance " + instance + " broke off: " + why)));
            }
        }
        over();
        closeQuietly(callback);
    }

    /** Stops reading; what was queued stays for the writer. */
    @Override
    public void close() {
        closed = true;
        over();
        closeQuietly(callback);
    }

    private static void closeQuietly(Closeable c) {
        try {
            c.close();
        } catch (IOException e) {
            // closing only releases the stream
        }
    }
}
