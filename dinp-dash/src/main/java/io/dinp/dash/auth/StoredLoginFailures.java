package io.dinp.dash.auth;

import io.dinp.store.LoginFailureStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The throttles' counts in the database every dash shares, so that N dashes behind one name give
 * a guesser the tries of one. Rows quiet for {@link #KEEP_FOR} (longer than any throttle forgets or
 * locks) are purged, at most once a minute, by whichever dash counts a failure.
 */
public final class StoredLoginFailures implements LoginThrottle.Records {
    static final Duration KEEP_FOR = Duration.ofHours(1);
    private static final Duration PURGE_EVERY = Duration.ofMinutes(1);

    private final LoginFailureStore store;
    private final Clock clock;
    private volatile Instant nextPurge = Instant.MIN;

    public StoredLoginFailures(LoginFailureStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public Optional<LoginThrottle.Failures> get(String key) {
        return store.get(key).map(StoredLoginFailures::failures);
    }

    @Override
    public LoginThrottle.Failures update(String key, UnaryOperator<LoginThrottle.Failures> change) {
        purgeNowAndThen();
        LoginFailureStore.Row row = store.update(key, r -> {
            LoginThrottle.Failures next = change.apply(r == null ? null : failures(r));
            return new LoginFailureStore.Row(next.count(), next.last(), next.lockedUntil());
        });
        return failures(row);
    }

    @Override
    public void remove(String key) {
        store.delete(key);
    }

    private void purgeNowAndThen() {
        Instant now = clock.instant();
        if (now.isBefore(nextPurge)) {
            return;
        }
        nextPurge = now.plus(PURGE_EVERY);
        store.purge(now.minus(KEEP_FOR));
    }

    private static LoginThrottle.Failures failures(LoginFailureStore.Row r) {
        return new LoginThrottle.Failures(r.failures(), r.last(), r.lockedUntil());
    }
}
