package io.dinp.dash;

import io.dinp.common.http.Exchange;
import io.dinp.common.http.HttpApi;
import io.dinp.dash.auth.Csrf;
import io.dinp.dash.auth.PasswordLogin;
import io.dinp.dash.auth.SessionCookie;
import io.dinp.model.FieldError;
import io.dinp.model.access.AuthMethod;
import io.dinp.model.access.Caller;
import io.dinp.store.SessionStore;
import io.dinp.store.User;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Browser sessions: sign in with a name and password (a cookie and a CSRF token back), ask who
 * you are, sign out. Also {@code GET /api/v1/me}, which answers for any way of signing in.
 */
final class SessionApi {
    private final SessionStore sessions;
    private final PasswordLogin passwords;
    private final Audit audit;
    private final Duration ttl;
    private final boolean alwaysSecure;

    SessionApi(SessionStore sessions, PasswordLogin passwords, Audit audit, Duration ttl, boolean alwaysSecure) {
        this.sessions = sessions;
        this.passwords = passwords;
        this.audit = audit;
        this.ttl = ttl;
        this.alwaysSecure = alwaysSecure;
    }

    void register(HttpApi api) {
        api.open("POST", "/api/v1/session", this::signIn);
        api.route("GET", "/api/v1/session", this::describe);
        api.route("DELETE", "/api/v1/session", this::signOut);
        api.route("GET", "/api/v1/me", ex -> ex.json(200, me(ex.caller())));
    }

    private void signIn(Exchange ex) throws Exception {
        RequestBody body = RequestBody.of(ex, Set.of("name", "password"));
        String name = body.text("name");
        String password = body.text("password");
        if (name == null || name.isEmpty()) {
            body.check(List.of(new FieldError("name", "is required")));
        }
        if (password == null || password.isEmpty()) {
            body.check(List.of(new FieldError("password", "is required")));
        }
        body.failIfErrors();
        User user = passwords.check(ex, name, password);
        sessions.purgeExpired();
        SessionStore.Started s = sessions.create(user.name(), ex.remoteAddress(), ttl);
        ex.addHeader("Set-Cookie", SessionCookie.set(s.id(), ttl, secure(ex)));
        ex.header("Cache-Control", "no-store");
        audit.account(ex, user.name(), "session.started", "signed in until " + s.expiresAt());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", user.name());
        out.put("csrfToken", Csrf.tokenFor(s.id()));
        out.put("expiresAt", s.expiresAt());
        ex.json(201, out);
    }

    private void describe(Exchange ex) throws Exception {
        Caller c = ex.caller();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", c.user());
        out.put("via", c.via().id());
        if (c.via() == AuthMethod.SESSION) {
            String id = ex.cookie(SessionCookie.NAME);
            out.put("csrfToken", Csrf.tokenFor(id));
            sessions.find(id).ifPresent(s -> out.put("expiresAt", s.expiresAt()));
        }
        ex.header("Cache-Control", "no-store");
        ex.json(200, out);
    }

    private void signOut(Exchange ex) throws Exception {
        if (ex.caller().via() == AuthMethod.SESSION && sessions.delete(ex.cookie(SessionCookie.NAME))) {
            audit.account(ex, ex.principal(), "session.ended", "signed out");
        }
        ex.addHeader("Set-Cookie", SessionCookie.clear(secure(ex)));
        ex.noContent();
    }

    private boolean secure(Exchange ex) {
        return alwaysSecure || ex.secure();
    }

    static Map<String, Object> me(Caller c) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", c.user());
        out.put("admin", c.admin());
        out.put("teams", c.teams().entrySet().stream().map(e -> {
            Map<String, Object> team = new LinkedHashMap<>();
            team.put("name", e.getKey());
            team.put("role", e.getValue().id());
            return team;
        }).toList());
        return out;
    }
}
