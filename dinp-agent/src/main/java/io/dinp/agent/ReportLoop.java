package io.dinp.agent;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the report cycle on one thread: every heartbeat, and soon after each trigger. Triggers that
 * arrive while one is pending collapse into one run, so a burst of events costs one report.
 */
public final class ReportLoop implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ReportLoop.class);
    /** Long enough to merge a die and a destroy event, short enough to go unnoticed. */
    static final Duration DEBOUNCE = Duration.ofMillis(20);

    private final Duration interval;
    private final Runnable cycle;
    private final ScheduledExecutorService thread;
    private final AtomicBoolean pending = new AtomicBoolean();

    public ReportLoop(String name, Duration interval, Runnable cycle) {
        this.interval = interval;
        this.cycle = cycle;
        this.thread = Executors.newSingleThreadScheduledExecutor(Threads.daemon(name));
    }

    public void start() {
        thread.scheduleWithFixedDelay(this::runCycle, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Asks for a cycle soon; cheap and safe to call from any thread, any number of times. */
    public void trigger() {
        if (pending.compareAndSet(false, true)) {
            try {
                thread.schedule(() -> {
                    pending.set(false);
                    runCycle();
                }, DEBOUNCE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                pending.set(false); // closed
            }
        }
    }

    /** Runs a cycle now (after the one under way, if any); the future completes when it ran. */
    public Future<?> runNow() {
        return thread.submit(this::runCycle);
    }

    private void runCycle() {
        try {
            cycle.run();
        } catch (RuntimeException e) {
            // a failed cycle must not cancel the heartbeat: the next one may succeed
            log.warn("report cycle failed", e);
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
