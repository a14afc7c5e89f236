package io.dinp.common.logs;

import io.dinp.model.LogEvent;
import io.dinp.model.LogSink;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Writes many sources' queues into one stream, taking from each in turn so that a chatty
 * source cannot starve a quiet one. Sends a keep-alive on a quiet stream, so a reader that left
 * is noticed even when nothing is written. One thread runs it; sources may be added meanwhile.
 */
public final class LogMerge {
    /** Events taken from one queue before the next gets its turn. */
    static final int TURN = 256;
    private static final long IDLE_WAIT_MS = 200;

    private final LogSink out;
    private final long keepaliveNanos;
    private final ByteBudget budget;
    private final List<EventQueue> queues = new CopyOnWriteArrayList<>();
    private final Semaphore wake = new Semaphore(0);

    public LogMerge(LogSink out, Duration keepalive, ByteBudget budget) {
        this.out = out;
        this.keepaliveNanos = keepalive.toNanos();
        this.budget = budget;
    }

    /** A new source's queue, taken from on the merge's next turn. */
    public EventQueue newQueue(long maxBytes, boolean dropWhenFull) {
        EventQueue q = new EventQueue(maxBytes, budget, dropWhenFull, this::signal);
        queues.add(q);
        signal();
        return q;
    }

    private void signal() {
        if (wake.availablePermits() == 0) {
            wake.release();
        }
    }

    /**
     * Sends the queues' events until the sink refuses one (the reader left), or — with
     * {@code untilDone} — until every queue was finished by its source and emptied.
     *
     * @param tick     run about every {@code tickEvery} (e.g. to look for new sources); may be null
     * @return true when it ended because every source was done, false when the reader left
     */
    public boolean run(boolean untilDone, Duration tickEvery, Runnable tick) throws InterruptedException {
        long lastOut = System.nanoTime();
        long lastTick = lastOut;
        List<LogEvent> batch = new ArrayList<>(TURN);
        try {
            while (true) {
                boolean sent = false;
                for (EventQueue q : queues) {
                    batch.clear();
                    q.drainTo(batch, TURN);
                    for (LogEvent e : batch) {
                        if (!out.accept(e)) {
                            return false;
                        }
                    }
                    sent |= !batch.isEmpty();
                    if (q.isDone()) {
                        queues.remove(q);
                    }
                }
                long now = System.nanoTime();
                if (sent) {
                    if (!out.flush()) {
                        return false;
                    }
                    lastOut = now;
                }
                if (untilDone && queues.isEmpty()) {
                    return true;
                }
                if (tick != null && now - lastTick >= tickEvery.toNanos()) {
                    tick.run();
                    lastTick = now;
                }
                if (now - lastOut >= keepaliveNanos) {
                    if (!out.accept(LogEvent.keepalive()) || !out.flush()) {
                        return false;
                    }
                    lastOut = now;
                }
                if (!sent && wake.tryAcquire(IDLE_WAIT_MS, TimeUnit.MILLISECONDS)) {
                    wake.drainPermits();
                }
            }
        } finally {
            // sources waiting for room, or about to offer, learn that nobody reads any more
            queues.forEach(EventQueue::close);
        }
    }
}
