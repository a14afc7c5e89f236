package io.dinp.router;

import io.dinp.model.Backend;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Backends that recently failed to take a connection, by host:port, so that for a short while
 * new requests go to the app's other instances first instead of paying for the failure again.
 * Ejection only reorders: an ejected backend is still tried when nothing better is left.
 */
final class BackendEjections {
    private static final Logger log = LoggerFactory.getLogger(BackendEjections.class);

    private final long ejectNanos;
    private final LongSupplier nanoClock;
    private final ConcurrentHashMap<String, Long> until = new ConcurrentHashMap<>();

    /**
     * @param ejectFor  how long a failed backend stays ejected; zero turns ejection off
     * @param nanoClock a monotonic clock in nanoseconds ({@code System::nanoTime} outside tests)
     */
    BackendEjections(Duration ejectFor, LongSupplier nanoClock) {
        this.ejectNanos = ejectFor.toNanos();
        this.nanoClock = nanoClock;
    }

    void eject(Backend backend, String why) {
        if (ejectNanos <= 0) {
            return;
        }
        until.put(backend.hostPort(), nanoClock.getAsLong() + ejectNanos);
        log.debug("ejecting backend {} ({}) for {} ms: {}", backend.hostPort(), backend.instanceId(),
                ejectNanos / 1_000_000, why);
    }

    /** The backend took a connection again: no reason to avoid it any longer. */
    void clear(Backend backend) {
        if (until.remove(backend.hostPort()) != null) {
            log.debug("backend {} accepts connections again; no longer ejected", backend.hostPort());
        }
    }

    boolean isEjected(Backend backend) {
        Long end = until.get(backend.hostPort());
        if (end == null) {
            return false;
        }
        if (nanoClock.getAsLong() - end >= 0) {
            until.remove(backend.hostPort(), end);
            return false;
        }
        return true;
    }

    /** Forgets backends not in {@code hostPorts}: a later instance at the same address starts clean. */
    void retainOnly(Set<String> hostPorts) {
        until.keySet().retainAll(hostPorts);
    }

    int size() {
        return until.size();
    }
}
