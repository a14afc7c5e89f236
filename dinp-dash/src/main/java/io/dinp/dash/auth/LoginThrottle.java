package io.dinp.dash.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Slows down password guessing per user name and client address: the first few failures are
 * free, each one after that locks that pair out for twice as long as the last (1 s, 2 s, 4 s …,
 * at most {@code maxLock}). A success clears the count; a quiet {@code forgetAfter} too. The time
 * is passed in, never read here. Kept in memory: a restart forgets, which costs an attacker a
 * restart per few guesses.
 */
public final class LoginThrottle {
    private final int freeFailures;
    private final Duration maxLock;
    private final Duration forgetAfter;
    private final Map<String, Record> failures;

    private record Record(int count, Instant last, Instant lockedUntil) {
    }

    public LoginThrottle() {
        this(5, Duration.ofMinutes(5), Duration.ofMinutes(15), 10_000);
    }

    /**
     * The throttle of one address across names: 20 failures free (an office behind one NAT
     * mistypes too), then the same doubling locks.
     */
    public static LoginThrottle perAddress() {
        return new LoginThrottle(20, Duration.ofMinutes(5), Duration.ofMinutes(15), 10_000);
    }

    /** @param maxEntries pairs remembered at most; the least recently failed are forgotten first */
    public LoginThrottle(int freeFailures, Duration maxLock, Duration forgetAfter, int maxEntries) {
        this.freeFailures = freeFailures;
        this.maxLock = maxLock;
        this.forgetAfter = forgetAfter;
        this.failures = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Record> eldest) {
                return size() > maxEntries;
            }
        };
    }

    /** How long {@code user} from {@code address} must still wait before the next try, or empty. */
    public synchronized Optional<Duration> blocked(String user, String address, Instant now) {
        Record r = current(key(user, address), now);
        if (r == null || r.lockedUntil == null || !now.isBefore(r.lockedUntil)) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(now, r.lockedUntil));
    }

    /** Counts a failed attempt; returns how many failed in a row (see {@link #lockFor(int)} for the lock it started). */
    public synchronized int failed(String user, String address, Instant now) {
        String key = key(user, address);
        Record r = current(key, now);
        int count = r == null ? 1 : r.count + 1;
        Duration lock = lockFor(count);
        failures.put(key, new Record(count, now, lock == null ? null : now.plus(lock)));
        return count;
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

    public synchronized void succeeded(String user, String address) {
        failures.remove(key(user, address));
    }

    private Record current(String key, Instant now) {
        Record r = failures.get(key);
        if (r != null && now.isAfter(r.last.plus(forgetAfter)) && (r.lockedUntil == null || now.isAfter(r.lockedUntil))) {
            failures.remove(key);
            return null;
        }
        return r;
    }

    private static String key(String user, String address) {
        return user + "\n" + address;
    }
}
