package io.dinp.server;

import io.dinp.store.Lease;
import java.time.Duration;

/**
 * When to take, renew or give up the controller's lease: a pure function of the row just read,
 * what this server remembers, and a monotonic time in nanoseconds (passed in, never read).
 *
 * <p>No two clocks are compared. A standby takes the lease over only after it has seen the same
 * row version for a whole {@code lease} on its own clock. The holder counts its validity from
 * the moment it <em>started</em> its last successful write, which is before the standby can
 * have seen that write, and gives up after {@code lease × 3/4} of it: so it stops acting a
 * quarter of a lease before any standby may take over, the margin absorbing clock-rate drift and
 * the time to stop. Rounds run every eighth of a lease, so a leader survives a stall of about
 * half a lease, and a standby sees a silent leader's lease expire soon after it does.
 */
public final class LeaseDecision {
    private LeaseDecision() {
    }

    /**
     * What one server remembers between two rounds.
     *
     * @param seenVersion the row version last seen (-1 before the first read)
     * @param seenSince   when that version was first seen, nanos
     * @param term        the term held, 0 when not leading
     * @param validUntil  while leading: when to stop acting unless renewed, nanos
     */
    public record Memory(long seenVersion, long seenSince, long term, long validUntil) {
        public static final Memory START = new Memory(-1, 0, 0, 0);

        public boolean leading() {
            return term > 0;
        }

        /** Whether it may act as leader at {@code now}. */
        public boolean leadingAt(long now) {
            return leading() && now - validUntil < 0;
        }
    }

    /** The next step. */
    public sealed interface Step {
    }

    /** Take the lease over from the row as read (compare-and-set on its term and version). */
    public record Acquire(Lease seen) implements Step {
    }

    /** Renew the lease held at {@code term}. */
    public record Renew(long term) implements Step {
    }

    /** Stop acting as leader at once: the lease moved on or could not be renewed in time. */
    public record StepDown(long term, String reason) implements Step {
    }

    /** Stand by; the memory to keep. */
    public record Follow(Memory memory) implements Step {
    }

    /**
     * @param row   the lease as just read, or null when the read failed
     * @param me    this server's holder id (unique per run)
     * @param now   monotonic nanos, taken before the read
     * @param lease how long a silent holder keeps the lease
     */
    public static Step decide(Lease row, Memory memory, String me, long now, Duration lease) {
        if (memory.leading()) {
            if (!memory.leadingAt(now)) {
                return new StepDown(memory.term(), "could not renew the lease in time");
            }
            if (row == null) {
                return new Follow(memory); // keep leading while valid; the next round retries
            }
            if (row.holder().equals(me) && row.term() == memory.term()) {
                return new Renew(memory.term());
            }
            return new StepDown(memory.term(), "the lease is held by '" + row.holder() + "' at term " + row.term());
        }
        if (row == null) {
            return new Follow(memory);
        }
        if (!row.held()) {
            return new Acquire(row);
        }
        if (row.version() != memory.seenVersion()) {
            return new Follow(new Memory(row.version(), now, 0, 0));
        }
        if (now - memory.seenSince() >= lease.toNanos()) {
            return new Acquire(row);
        }
        return new Follow(memory);
    }

    /** The memory after a successful take-over or renewal whose write started at {@code started}. */
    public static Memory held(long term, long version, long started, Duration lease) {
        return new Memory(version, started, term, started + validity(lease));
    }

    /** The memory after stepping down or failing to take over. */
    public static Memory standingBy() {
        return Memory.START;
    }

    /** How long a holder acts after starting a successful write: three quarters of the lease. */
    public static long validity(Duration lease) {
        return lease.toNanos() * 3 / 4;
    }

    /** How often to read and renew: an eighth of the lease, so a holder gets several tries within its validity. */
    public static Duration interval(Duration lease) {
        return lease.dividedBy(8);
    }
}
