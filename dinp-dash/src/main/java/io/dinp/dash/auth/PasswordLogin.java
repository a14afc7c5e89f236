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
 * the guessing throttle. A wrong name and a wrong password get the same answer in about the same
 * time. Neither the password nor a name that is no user's (it may be a password typed in the
 * wrong box) is ever logged.
 */
public final class PasswordLogin {
    private static final Logger log = LoggerFactory.getLogger(PasswordLogin.class);

    private final UserStore users;
    private final PasswordHasher hasher;
    private final LoginThrottle throttle;
    private final Clock clock;

    public PasswordLogin(UserStore users, PasswordHasher hasher, LoginThrottle throttle, Clock clock) {
        this.users = users;
        this.hasher = hasher;
        this.throttle = throttle;
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
        Instant now = clock.instant();
        Optional<Duration> wait = throttle.blocked(name, address, now);
        if (wait.isPresent()) {
            long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
            ex.header("Retry-After", Long.toString(seconds));
            throw new ApiException(429, "too many failed sign-ins for this user from your address; try again in "
                    + seconds + " s");
        }
        Optional<User> user = name != null && AccountValidation.USER.matcher(name).matches() ? users.get(name) : Optional.empty();
        boolean ok = user.isPresent() ? hasher.verify(password, user.get().passwordHash()) : hasher.verifyDecoy(password);
        if (!ok) {
            int inARow = throttle.failed(name, address, now);
            log.warn("failed sign-in for {} from {} ({} in a row)", user.map(User::name).orElse("an unknown user"),
                    address, inARow);
            throw new ApiException(401, "wrong user name or password");
        }
        throttle.succeeded(name, address);
        if (hasher.needsRehash(user.get().passwordHash())) {
            // the parameters were raised since this hash was made: upgrade it while we have the password
            users.setPassword(name, hasher.hash(password));
        }
        return user.get();
    }

    /** A new hash for {@code password} (already validated). */
    public String hash(String password) {
        return hasher.hash(password);
    }
}
