package io.dinp.builder;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The log of one running build: appended by the build, read live by any number of followers.
 * Bounded: past the limit lines are counted, not kept, so a chatty build cannot exhaust memory.
 */
public final class BuildLog {
    static final int MAX_CHARS = 4 * 1024 * 1024;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition grew = lock.newCondition();
    private final List<String> lines = new ArrayList<>();
    private int chars;
    private int dropped;
    private boolean closed;

    public void line(String text) {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            String l = text.endsWith("\n") ? text : text + "\n";
            if (chars + l.length() > MAX_CHARS) {
                dropped++;
                return;
            }
            chars += l.length();
            lines.add(l);
            grew.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** No more lines will come: followers finish. */
    public void close() {
        lock.lock();
        try {
            if (!closed && dropped > 0) {
                lines.add(droppedNote());
            }
            closed = true;
            grew.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Lines from index {@code from} on, waiting up to {@code waitMs} for some when there are none yet.
     * An empty list with {@link #isClosed()} true means the end.
     */
    public List<String> from(int from, long waitMs) throws InterruptedException {
        lock.lock();
        try {
            long nanos = TimeUnit.MILLISECONDS.toNanos(waitMs);
            while (lines.size() <= from && !closed && nanos > 0) {
                nanos = grew.awaitNanos(nanos);
            }
            return lines.size() <= from ? List.of() : List.copyOf(lines.subList(from, lines.size()));
        } finally {
            lock.unlock();
        }
    }

    public boolean isClosed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }

    /** The whole log as it will read once closed, for storing it before followers are let go. */
    public String finalText() {
        lock.lock();
        try {
            return String.join("", lines) + (closed || dropped == 0 ? "" : droppedNote());
        } finally {
            lock.unlock();
        }
    }

    private String droppedNote() {
        return "[" + dropped + " log lines dropped: the log is limited to " + MAX_CHARS / (1024 * 1024) + " MB]\n";
    }

    public String text() {
        lock.lock();
        try {
            return String.join("", lines);
        } finally {
            lock.unlock();
        }
    }

    /** The last {@code n} lines, for a failure message. */
    public String tail(int n) {
        lock.lock();
        try {
            return String.join("", lines.subList(Math.max(0, lines.size() - n), lines.size()));
        } finally {
            lock.unlock();
        }
    }
}
