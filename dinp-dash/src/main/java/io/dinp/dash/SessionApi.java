package io.dinp.dash;

import io.dinp.common.http.ApiException;
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
        refuseCrossSite(ex);
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

    /**
     * Sign-in has no CSRF token to check (there is no session yet), so a page elsewhere could post
     * an attacker's name and password and sign the victim in as the attacker. Only a script on
     * the dashboard's own origin can send a JSON body cross-checked by the browser: a form cannot
     * set {@code Content-Type: application/json} without a CORS preflight this API never grants,
     * and a browser always names a foreign origin.
     */
    static void refuseCrossSite(Exchange ex) {
        String type = ex.header("Content-Type");
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            throw new ApiException(415, "sign in with a JSON body: Content-Type: application/json");
        }
        String origin = ex.header("Origin");
        String host = ex.header("Host");
        if (origin != null && !origin.equals("null") && host != null
                && !(origin.equalsIgnoreCase("http://" + host) || origin.equalsIgnoreCase("https://" + host))) {
            throw new ApiException(403, "sign-in from another site (Origin " + origin + ") is refused");
        }
        if ("null".equals(origin)) {
            throw new ApiException(403, "sign-in from an opaque origin is refused");
        }
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
