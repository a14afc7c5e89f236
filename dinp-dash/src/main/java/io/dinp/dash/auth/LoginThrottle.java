package io.dinp.dash.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Slows down password guessing per user name and client address: the first few failures are
 * free, each one after that locks that pair out for twice as long as the last (1 s, 2 s, 4 s …,
 * at most {@code maxLock}). A success clears the count; a quiet {@code forgetAfter} too. The time
 * is passed in, never read here.
 *
 * <p>The counts live in {@link Records}: in this process ({@link Records#inMemory}), where a
 * restart forgets them, or in the database every dash shares ({@link StoredLoginFailures}), so
 * that several dashes give a guesser no more tries than one.
 */
public final class LoginThrottle {
    private final String scope;
    private final int freeFailures;
    private final Duration maxLock;
    private final Duration forgetAfter;
    private final Records records;

    /** One key's failures in a row: how many, when the last was, and the lock it started (null: none). */
    public record Failures(int count, Instant last, Instant lockedUntil) {
    }

    /** Where the counts are kept. Keys are opaque strings made here. */
    public interface Records {
        Optional<Failures> get(String key);

        /**
         * Replaces the key's record with {@code change} applied to it (null when there is none),
         * as one step for everyone sharing these records; returns the new record.
         */
        Failures update(String key, UnaryOperator<Failures> change);

        void remove(String key);

        /** Records in this process, at most {@code maxEntries}: the least recently failed are forgotten first. */
        static Records inMemory(int maxEntries) {
            return new InMemory(maxEntries);
        }
    }

    /** The throttle of one name and address, in this process only. */
    public LoginThrottle() {
        this(Records.inMemory(10_000));
    }

    /** The throttle of one name and address: 5 failures free, locks up to 5 min, forgotten after 15 quiet min. */
    public LoginThrottle(Records records) {
        this("user", 5, Duration.ofMinutes(5), Duration.ofMinutes(15), records);
    }

    /**
     * The throttle of one address across names: 20 failures free (an office behind one NAT
     * mistypes too), then the same doubling locks.
     */
    public static LoginThrottle perAddress() {
        return perAddress(Records.inMemory(10_000));
    }

    /** The same, its counts in {@code records}. */
    public static LoginThrottle perAddress(Records records) {
        return new LoginThrottle("address", 20, Duration.ofMinutes(5), Duration.ofMinutes(15), records);
    }

    /** @param maxEntries pairs remembered at most; the least recently failed are forgotten first */
    public LoginThrottle(int freeFailures, Duration maxLock, Duration forgetAfter, int maxEntries) {
        this("user", freeFailures, maxLock, forgetAfter, Records.inMemory(maxEntries));
    }

    /** @param scope tells this throttle's keys from another's sharing the same records */
    public LoginThrottle(String scope, int freeFailures, Duration maxLock, Duration forgetAfter, Records records) {
        this.scope = scope;
        this.freeFailures = freeFailures;
        this.maxLock = maxLock;
        this.forgetAfter = forgetAfter;
        this.records = records;
    }

    /** How long {@code user} from {@code address} must still wait before the next try, or empty. */
    public Optional<Duration> blocked(String user, String address, Instant now) {
        Failures r = current(records.get(key(user, address)).orElse(null), now);
        if (r == null || r.lockedUntil() == null || !now.isBefore(r.lockedUntil())) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(now, r.lockedUntil()));
    }

    /** Counts a failed attempt; returns how many failed in a row (see {@link #lockFor(int)} for the lock it started). */
    public int failed(String user, String address, Instant now) {
        return records.update(key(user, address), previous -> next(current(previous, now), now)).count();
    }

    /** The record after one more failure at {@code now}, following {@code current} (null: none in a row). */
    Failures next(Failures current, Instant now) {
        int count = current == null ? 1 : current.count() + 1;
        Duration lock = lockFor(count);
        Instant until = lock == null ? null : now.plus(lock);
        if (current != null && current.lockedUntil() != null && (until == null || until.isBefore(current.lockedUntil()))) {
            until = current.lockedUntil(); // a failure never shortens a lock (another dash's may end later)
        }
        return new Failures(count, now, until);
    }

    /** The lock the {@code count}-th failure in a row starts, or null while failures are free. */
    public Duration lockFor(int count) {
        if (count < freeFailures) {
            return null;
        }
        int doublings = Math.min(count - freeFailures, 30);
        Duration lock = Duration.ofSeconds(1L << doublings);
        return lock.compareTo(maxLock) > 0 ? maxLock : lock;
    }

    public void succeeded(String user, String address) {
        records.remove(key(user, address));
    }

    /** {@code r}, or null when it was forgotten: quiet for {@code forgetAfter} and no longer locked. */
    private Failures current(Failures r, Instant now) {
        if (r != null && now.isAfter(r.last().plus(forgetAfter)) && (r.lockedUntil() == null || now.isAfter(r.lockedUntil()))) {
            return null;
        }
        return r;
    }

    private String key(String user, String address) {
        return scope + "\n" + user + "\n" + address;
    }

    private static final class InMemory implements Records {
        private final Map<String, Failures> failures;

        InMemory(int maxEntries) {
            this.failures = new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Failures> eldest) {
                    return size() > maxEntries;
                }
            };
        }

        @Override
        public synchronized Optional<Failures> get(String key) {
            return Optional.ofNullable(failures.get(key));
        }

        @Override
        public synchronized Failures update(String key, UnaryOperator<Failures> change) {
            Failures next = change.apply(failures.get(key));
            failures.put(key, next);
            return next;
        }

        @Override
        public synchronized void remove(String key) {
            failures.remove(key);
        }
    }
}
