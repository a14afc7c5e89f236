package io.dinp.common.logs;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Memory shared by every log queue of one process: however many streams are open, the lines
 * waiting in them never weigh more than this in all.
 */
public final class ByteBudget {
    private final long limit;
    private final AtomicLong used = new AtomicLong();

    public ByteBudget(long limitBytes) {
        if (limitBytes <= 0) {
            throw new IllegalArgumentException("limit must be positive, was " + limitBytes);
        }
        this.limit = limitBytes;
    }

    /** Takes {@code n} bytes if they are free. */
    public boolean tryTake(long n) {
        while (true) {
            long u = used.get();
            if (u + n > limit) {
                return false;
            }
            if (used.compareAndSet(u, u + n)) {
                return true;
            }
        }
    }

    /**
     * Takes {@code n} bytes even past the limit: for the one event an empty queue always accepts,
     * so a queue is never stuck; the overshoot is bounded by one event per queue.
     */
    public void force(long n) {
        used.addAndGet(n);
    }

    public void give(long n) {
        used.addAndGet(-n);
    }

    public long used() {
        return used.get();
    }
}
