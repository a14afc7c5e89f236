package io.dinp.agent;

import io.dinp.registry.DockerFailures;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventType;
import io.dinp.model.Labels;
import java.io.Closeable;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows Docker's event stream for this node's DINP containers and calls back on each start,
 * die, destroy or oom, so a crash is reported at once. Reconnects when the stream breaks.
 */
public final class DockerEventWatcher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DockerEventWatcher.class);
    private static final long RECONNECT_MS = 1000;

    private final DockerClient docker;
    private final String nodeId;
    private final Runnable onEvent;
    private final ScheduledExecutorService reconnector;
    private volatile boolean closed;
    private volatile Closeable stream;

    public DockerEventWatcher(DockerClient docker, String nodeId, Runnable onEvent) {
        this.docker = docker;
        this.nodeId = nodeId;
        this.onEvent = onEvent;
        this.reconnector = Executors.newSingleThreadScheduledExecutor(Threads.daemon("dinp-agent-events-" + nodeId));
    }

    public void start() {
        subscribe();
    }

    private void subscribe() {
        if (closed) {
            return;
        }
        try {
            stream = docker.eventsCmd()
                    .withEventTypeFilter(EventType.CONTAINER)
                    .withLabelFilter(Map.of(Labels.MANAGED, "true", Labels.NODE, nodeId))
                    .withEventFilter("start", "die", "destroy", "oom")
                    .exec(new Listener());
        } catch (RuntimeException e) {
            log.warn("cannot follow Docker events: {}", DockerFailures.message(e));
            resubscribeLater();
        }
    }

    private void resubscribeLater() {
        if (closed) {
            return;
        }
        try {
            reconnector.schedule(this::subscribe, RECONNECT_MS, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // closed meanwhile
        }
    }

    private final class Listener extends ResultCallback.Adapter<Event> {
        @Override
        public void onStart(Closeable closeable) {
            super.onStart(closeable);
            // events may have been missed while not connected: look at the world once
            onEvent.run();
        }

        @Override
        public void onNext(Event event) {
            onEvent.run();
        }

        @Override
        public void onError(Throwable t) {
            if (!closed) {
                log.warn("Docker event stream broke, reconnecting: {}", DockerFailures.message(t));
            }
            // not super.onError: it logs a stack trace for what is a routine reconnect
            closeQuietly(this);
            resubscribeLater();
        }

        @Override
        public void onComplete() {
            super.onComplete();
            resubscribeLater();
        }
    }

    private static void closeQuietly(Closeable c) {
        try {
            c.close();
        } catch (IOException e) {
            log.debug("closing the event stream", e);
        }
    }

    @Override
    public void close() {
        closed = true;
        reconnector.shutdownNow();
        Closeable s = stream;
        if (s != null) {
            closeQuietly(s);
        }
    }
}
