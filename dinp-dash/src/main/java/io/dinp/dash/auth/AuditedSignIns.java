package io.dinp.dash.auth;

import io.dinp.store.EventStore;
import java.time.Duration;

/**
 * Failed sign-ins in the audit log: {@code login.failed}, or {@code login.locked} when the
 * failure locked the name (or the whole address) for a while. The actor is the user whose
 * password was wrong — so they see it among their own account entries — or {@code -} for a name
 * that is no user, which is not written down. Attempts refused during a lock are not written one
 * by one: the lock entry covers them, and a flood of them cannot fill the log.
 */
public final class AuditedSignIns implements SignInEvents {
    /** The actor of a failure with a name that is no user. */
    public static final String UNKNOWN = "-";

    private final EventStore events;
    private final io.micrometer.core.instrument.Counter failures = io.micrometer.core.instrument.Counter
            .builder("dinp.dash.login.failures").description("failed sign-ins (password or HTTP Basic)")
            .register(io.dinp.common.metrics.Meters.registry());

    public AuditedSignIns(EventStore events) {
        this.events = events;
    }

    @Override
    public void failed(String address, String knownUser, String how, int inARow, Duration lock, boolean lockedAddress) {
        failures.increment();
        String who = knownUser == null ? "a name that is no user" : "wrong password for " + knownUser;
        StringBuilder m = new StringBuilder("failed sign-in: ").append(who).append(" (").append(how).append("), ")
                .append(inARow).append(" in a row from this address");
        if (lock != null) {
            m.append(lockedAddress ? "; every sign-in from this address is locked for " : "; locked for ")
                    .append(lock.toSeconds()).append(" s");
        }
        events.record(null, null, lock == null ? "login.failed" : "login.locked", m.toString(),
                knownUser == null ? UNKNOWN : knownUser, address);
    }
}
