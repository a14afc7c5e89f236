package io.dinp.dash.auth;

import io.dinp.common.http.ApiException;
import io.dinp.common.http.Exchange;
import io.dinp.model.access.AccountValidation;
import io.dinp.store.User;
import io.dinp.store.UserStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks a user name and password (HTTP Basic, signing in, confirming a password change), with
 * two guessing throttles: per name and address (guessing one password), and per address across
 * names (trying one password on many users). A wrong name and a wrong password get the same
 * answer in about the same time. Every failure is reported to {@link SignInEvents} (the audit log).
 * Neither the password nor a name that is no user's (it may be a password typed in the wrong
 * box) is ever logged.
 */
public final class PasswordLogin {
    private static final Logger log = LoggerFactory.getLogger(PasswordLogin.class);
    /** Stands for every name in the per-address throttle; no user name can look like it. */
    private static final String ANY_USER = "*";

    private final UserStore users;
    private final PasswordHasher hasher;
    private final LoginThrottle throttle;
    private final LoginThrottle perAddress;
    private final SignInEvents events;
    private final Clock clock;

    public PasswordLogin(UserStore users, PasswordHasher hasher, LoginThrottle throttle, Clock clock) {
        this(users, hasher, throttle, LoginThrottle.perAddress(), SignInEvents.NONE, clock);
    }

    /**
     * @param throttle   per name and address
     * @param perAddress per address whatever the name; a success does not clear it (an attacker
     *                   with one account of their own would clear it between guesses), quiet time does
     */
    public PasswordLogin(UserStore users, PasswordHasher hasher, LoginThrottle throttle, LoginThrottle perAddress,
                         SignInEvents events, Clock clock) {
        this.users = users;
        this.hasher = hasher;
        this.throttle = throttle;
        this.perAddress = perAddress;
        this.events = events;
        this.clock = clock;
    }

    /**
     * The user whose password this is.
     *
     * @throws ApiException 401 for a wrong name or password, 429 while that name is locked out
     *                      for the caller's address
     */
    public User check(Exchange ex, String name, String password) {
        String address = ex.remoteAddress();
        String from = AddressKey.of(address);
        Instant now = clock.instant();
        Optional<Duration> addressWait = perAddress.blocked(ANY_USER, from, now);
        if (addressWait.isPresent()) {
            throw tooMany(ex, addressWait.get(), "too many failed sign-ins from your address");
        }
        Optional<Duration> wait = throttle.blocked(name, from, now);
        if (wait.isPresent()) {
            throw tooMany(ex, wait.get(), "too many failed sign-ins for this user from your address");
        }
        Optional<User> user = name != null && AccountValidation.USER.matcher(name).matches() ? users.get(name) : Optional.empty();
        boolean ok = user.isPresent() ? hasher.verify(password, user.get().passwordHash()) : hasher.verifyDecoy(password);
        if (!ok) {
            int inARow = throttle.failed(name, from, now);
            int fromAddress = perAddress.failed(ANY_USER, from, now);
            Duration addressLock = perAddress.lockFor(fromAddress);
            Duration lock = addressLock != null ? addressLock : throttle.lockFor(inARow);
            String known = user.map(User::name).orElse(null);
            log.warn("failed sign-in for {} from {} ({} in a row{})", known == null ? "an unknown user" : known, address,
                    inARow, lock == null ? "" : addressLock != null ? "; the address is locked for " + lock.toSeconds() + " s"
                            : "; locked for " + lock.toSeconds() + " s");
            events.failed(address, known, ex.method() + " " + ex.path(), inARow, lock, addressLock != null);
            throw new ApiException(401, "wrong user name or password");
        }
        throttle.succeeded(name, from);
        if (hasher.needsRehash(user.get().passwordHash())) {
            // the parameters were raised since this hash was made: upgrade it while we have the password
            users.setPassword(name, hasher.hash(password));
        }
        return user.get();
    }

    private static ApiException tooMany(Exchange ex, Duration wait, String why) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        ex.header("Retry-After", Long.toString(seconds));
        return new ApiException(429, why + "; try again in " + seconds + " s");
    }

    /** A new hash for {@code password} (already validated). */
    public String hash(String password) {
        return hasher.hash(password);
    }
}
