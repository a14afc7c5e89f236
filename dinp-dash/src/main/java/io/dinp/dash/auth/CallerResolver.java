package io.dinp.dash.auth;

import io.dinp.common.http.ApiException;
import io.dinp.common.http.Exchange;
import io.dinp.common.http.HttpApi;
import io.dinp.model.access.AuthMethod;
import io.dinp.model.access.Caller;
import io.dinp.store.Database;
import io.dinp.store.LoginFailureStore;
import io.dinp.store.SessionStore;
import io.dinp.store.TeamStore;
import io.dinp.store.TokenStore;
import io.dinp.store.User;
import io.dinp.store.UserStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;

/**
 * Resolves the caller of every request of the public API, once: from {@code Authorization: Bearer}
 * (an API token), {@code Authorization: Basic} (name and password), or the session cookie. A
 * change made with the session cookie must carry the session's CSRF token, or it is refused here,
 * before any handler runs.
 */
public final class CallerResolver implements HttpApi.Authenticator {
    private final UserStore users;
    private final TeamStore teams;
    private final TokenStore tokens;
    private final SessionStore sessions;
    private final PasswordLogin passwords;

    public CallerResolver(UserStore users, TeamStore teams, TokenStore tokens, SessionStore sessions, PasswordLogin passwords) {
        this.users = users;
        this.teams = teams;
        this.tokens = tokens;
        this.sessions = sessions;
        this.passwords = passwords;
    }

    /**
     * The resolver over a database with the default password cost and throttles, which count in
     * the database (every dash on it shares them); failed sign-ins go to the database's audit log.
     */
    public static CallerResolver over(Database db) {
        return over(db, Clock.systemUTC());
    }

    /** The same, with the throttles on {@code clock}. */
    public static CallerResolver over(Database db, Clock clock) {
        UserStore users = new UserStore(db);
        StoredLoginFailures failures = new StoredLoginFailures(new LoginFailureStore(db), clock);
        return new CallerResolver(users, new TeamStore(db), new TokenStore(db), new SessionStore(db),
                new PasswordLogin(users, new PasswordHasher(), new LoginThrottle(failures), LoginThrottle.perAddress(failures),
                        new AuditedSignIns(new io.dinp.store.EventStore(db)), clock));
    }

    public PasswordLogin passwords() {
        return passwords;
    }

    @Override
    public Caller authenticate(Exchange ex) {
        String authorization = ex.header("Authorization");
        if (authorization != null) {
            return fromAuthorization(ex, authorization);
        }
        String sessionId = ex.cookie(SessionCookie.NAME);
        if (sessionId != null) {
            return fromSession(ex, sessionId);
        }
        throw new ApiException(401, "not signed in: send Authorization: Bearer <token> (or HTTP Basic), "
                + "or sign in with POST /api/v1/session");
    }

    private Caller fromAuthorization(Exchange ex, String header) {
        String token = HttpApi.bearer(ex);
        if (token != null) {
            String user = tokens.authenticate(token).orElseThrow(() -> new ApiException(401, "invalid or revoked token"));
            return caller(user, AuthMethod.TOKEN).orElseThrow(() -> new ApiException(401, "invalid or revoked token"));
        }
        if (header.regionMatches(true, 0, "Basic ", 0, 6)) {
            String[] pair = basic(header.substring(6).trim());
            User u = passwords.check(ex, pair[0], pair[1]);
            return caller(u, AuthMethod.BASIC);
        }
        throw new ApiException(401, "unsupported Authorization: use Bearer <token> or Basic");
    }

    private Caller fromSession(Exchange ex, String sessionId) {
        var session = sessions.find(sessionId)
                .orElseThrow(() -> new ApiException(401, "the session has ended or expired: sign in again"));
        Caller c = caller(session.user(), AuthMethod.SESSION)
                .orElseThrow(() -> new ApiException(401, "the session has ended or expired: sign in again"));
        if (Csrf.needed(ex.method(), c.via())) {
            String presented = ex.header(Csrf.HEADER);
            if (presented == null) {
                presented = ex.formField(Csrf.FORM_FIELD);
            }
            if (!Csrf.matches(sessionId, presented)) {
                throw new ApiException(403, "missing or wrong CSRF token: a change made with the session cookie must send "
                        + "the session's token in " + Csrf.HEADER + " (or the form field " + Csrf.FORM_FIELD
                        + "); GET /api/v1/session tells it");
            }
        }
        return c;
    }

    private Optional<Caller> caller(String user, AuthMethod via) {
        return users.get(user).map(u -> caller(u, via));
    }

    private Caller caller(User u, AuthMethod via) {
        return new Caller(u.name(), u.admin(), teams.rolesOf(u.name()), via);
    }

    private static String[] basic(String encoded) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new ApiException(401, "Authorization: Basic must carry base64 of name:password");
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            throw new ApiException(401, "Authorization: Basic must carry base64 of name:password");
        }
        return new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
    }
}
