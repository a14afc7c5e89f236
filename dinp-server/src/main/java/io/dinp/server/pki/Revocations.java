package io.dinp.server.pki;

import io.dinp.pki.Identity;
import io.dinp.store.IssuedCertificateStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The revoked certificates, by serial, as the server checks them on every request. Re-read from
 * SQL when dash says a node was revoked, and every few seconds as a safety net (another server, a
 * lost notice).
 */
public final class Revocations {
    private final IssuedCertificateStore store;
    private final Clock clock;
    private volatile Map<String, Identity> revoked = Map.of();

    public Revocations(IssuedCertificateStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public boolean isRevoked(String serial) {
        return revoked.containsKey(serial);
    }

    /**
     * Re-reads the list.
     *
     * @return the identities revoked since the last read
     */
    public synchronized List<Identity> reload() {
        Map<String, Identity> next = Map.copyOf(store.revoked(clock.instant()));
        List<Identity> fresh = new ArrayList<>();
        next.forEach((serial, who) -> {
            if (!revoked.containsKey(serial) && !fresh.contains(who)) {
                fresh.add(who);
            }
        });
        revoked = next;
        return fresh;
    }
}
