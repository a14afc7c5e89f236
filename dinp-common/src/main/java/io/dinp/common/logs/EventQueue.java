package io.dinp.common.logs;

import io.dinp.model.LogEvent;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * The bounded queue between one log source (a container, a node) and the stream's writer.
 *
 * <p>When full, a following stream drops lines and counts them: a gap marker sits where the lines
 * went missing and reaches the reader as a {@code dropped} notice, so a slow reader never holds up
 * the source and never makes anything grow. A stream of history instead makes the source wait:
 * nothing is live, so nothing is worth losing.
 */
public final class EventQueue {
    /** Rough heap cost of an event beyond its text. */
    static final int OVERHEAD = 96;

    private final long maxBytes;
    private final ByteBudget budget;
    private final boolean dropWhenFull;
    private final Runnable wake;
    private final ArrayDeque<Entry> events = new ArrayDeque<>();
    private long bytes;
    private boolean finished;
    private boolean closed;

    /** A queued event and its weight; a gap marker weighs nothing and counts its lines. */
    private static final class Entry {
        final LogEvent event;
        final long weight;
        String instance;
        String node;
        long dropped;

        Entry(LogEvent event, long weight) {
            this.event = event;
            this.weight = weight;
        }

        boolean isGapOf(LogEvent line) {
            return event == null && Objects.equals(instance, line.instance()) && Objects.equals(node, line.node());
        }
    }

    /**
     * @param maxBytes     what this queue may hold
     * @param budget       what all queues of the process may hold together
     * @param dropWhenFull drop and count (following) rather than make the source wait (history)
     * @param wake         called when there is something new to take
     */
    public EventQueue(long maxBytes, ByteBudget budget, boolean dropWhenFull, Runnable wake) {
        this.maxBytes = maxBytes;
        this.budget = budget;
        this.dropWhenFull = dropWhenFull;
        this.wake = wake;
    }

    static long weight(LogEvent e) {
        String text = e.line() != null ? e.line() : e.message();
        return OVERHEAD + 2L * (text == null ? 0 : text.length());
    }

    /**
     * Queues one event from the source: a line, a {@code dropped} notice from further up (added to
     * this queue's count) or an error. Keep-alives are not queued: the writer sends its own.
     *
     * @return false when the reader is gone: the source should stop
     */
    public boolean offer(LogEvent e) throws InterruptedException {
        if (LogEvent.KEEPALIVE.equals(e.type())) {
            return isOpen();
        }
        synchronized (this) {
            if (closed) {
                return false;
            }
            if (LogEvent.DROPPED.equals(e.type())) {
                gap(e, e.count() == null ? 0 : e.count());
            } else {
                long w = weight(e);
                while (!take(w, e.hasLine())) {
                    if (dropWhenFull && e.hasLine()) {
                        gap(e, 1);
                        return true;
                    }
                    wait();
                    if (closed) {
                        return false;
                    }
                }
                events.addLast(new Entry(e, w));
                bytes += w;
            }
        }
        wake.run();
        return true;
    }

    /** Room for {@code w} more bytes; an empty queue always takes one event, and notices always go in. */
    private boolean take(long w, boolean line) {
        if (events.isEmpty() || !line) {
            budget.force(w);
            return true;
        }
        if (bytes + w > maxBytes || !budget.tryTake(w)) {
            return false;
        }
        return true;
    }

    /** Counts lines missing at the end of the queue, on the trailing gap marker of their instance. */
    private void gap(LogEvent of, long n) {
        for (Iterator<Entry> it = events.descendingIterator(); it.hasNext(); ) {
            Entry last = it.next();
            if (last.event != null) {
                break;
            }
            if (last.isGapOf(of)) {
                last.dropped += n;
                return;
            }
        }
        Entry gap = new Entry(null, 0);
        gap.instance = of.instance();
        gap.node = of.node();
        gap.dropped = n;
        events.addLast(gap);
    }

    /** Moves up to {@code max} events, in order, to {@code out}; gaps become {@code dropped} notices. */
    public synchronized int drainTo(List<LogEvent> out, int max) {
        int n = 0;
        long freed = 0;
        while (n < max && !events.isEmpty()) {
            Entry en = events.pollFirst();
            freed += en.weight;
            out.add(en.event != null ? en.event : LogEvent.dropped(en.instance, en.node, en.dropped));
            n++;
        }
        if (freed > 0) {
            bytes -= freed;
            budget.give(freed);
        }
        if (n > 0) {
            notifyAll();
        }
        return n;
    }

    /** The source has nothing more to send. */
    public void finish() {
        synchronized (this) {
            finished = true;
        }
        wake.run();
    }

    /** The reader left: waiting and later offers return false, and what is queued is let go. */
    public synchronized void close() {
        closed = true;
        for (Entry en : events) {
            budget.give(en.weight);
        }
        events.clear();
        bytes = 0;
        notifyAll();
    }

    public synchronized boolean isOpen() {
        return !closed;
    }

    /** Finished by its source and fully taken. */
    public synchronized boolean isDone() {
        return finished && events.isEmpty();
    }

    synchronized long bytes() {
        return bytes;
    }
}
