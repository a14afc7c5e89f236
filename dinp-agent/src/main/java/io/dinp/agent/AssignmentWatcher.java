package io.dinp.agent;

import io.dinp.model.Assignment;
import io.dinp.model.ControlPlane;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Long-polls the server for a newer assignment of this node and hands each one over.
 * Before the first assignment it waits with epoch {@code ""} and version -1, which any
 * real assignment differs from.
 */
public final class AssignmentWatcher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AssignmentWatcher.class);
    static final Duration POLL = Duration.ofSeconds(20);
    static final Duration MIN_BACKOFF = Duration.ofMillis(100);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(3);

    private final String nodeId;
    private final ControlPlane controlPlane;
    private final Supplier<Assignment> current;
    private final Predicate<Assignment> offer;
    private final BooleanSupplier reportNow;
    private final Thread thread;
    private volatile boolean running = true;

    /**
     * @param current   the assignment being applied, null before the first
     * @param offer     takes a new assignment; answers whether it was newer than the current one
     * @param reportNow reports synchronously (the server forgot us); answers whether it worked
     */
    public AssignmentWatcher(String nodeId, ControlPlane controlPlane, Supplier<Assignment> current,
                             Predicate<Assignment> offer, BooleanSupplier reportNow) {
        this.nodeId = nodeId;
        this.controlPlane = controlPlane;
        this.current = current;
        this.offer = offer;
        this.reportNow = reportNow;
        this.thread = Threads.daemon("dinp-agent-watch-" + nodeId).newThread(this::loop);
    }

    public void start() {
        thread.start();
    }

    private void loop() {
        Duration backoff = MIN_BACKOFF;
        while (running) {
            boolean ok;
            try {
                Assignment a = current.get();
                Optional<Assignment> next = controlPlane.awaitChange(nodeId,
                        a == null ? "" : a.epoch(), a == null ? -1 : a.version(), POLL);
                // an answer that is not newer means the server and we disagree: do not spin on it
                ok = next.isEmpty() || offer.test(next.get());
            } catch (ControlPlane.UnknownNodeException e) {
                log.info("server does not know node {} yet, reporting first", nodeId);
                ok = reportNow.getAsBoolean();
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                if (!running) {
                    return;
                }
                log.warn("waiting for the assignment of node {} failed, retrying in {} ms: {}",
                        nodeId, backoff.toMillis(), e.toString());
                ok = false;
            }
            if (ok) {
                backoff = MIN_BACKOFF;
            } else if (!pause(backoff)) {
                return;
            } else {
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
    }

    private boolean pause(Duration d) {
        try {
            Thread.sleep(d);
            return running;
        } catch (InterruptedException e) {
            return false;
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
