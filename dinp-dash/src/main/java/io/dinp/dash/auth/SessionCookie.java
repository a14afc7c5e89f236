package io.dinp.dash.auth;

import java.time.Duration;

/**
 * The browser session cookie: HttpOnly (no script reads it), SameSite=Strict (no other site's page
 * makes the browser send it), Secure over TLS, scoped to the whole host.
 */
public final class SessionCookie {
    public static final String NAME = "dinp_session";

    private SessionCookie() {
    }

    /** The Set-Cookie value that starts a session. */
    public static String set(String sessionId, Duration maxAge, boolean secure) {
        return NAME + "=" + sessionId + "; Path=/; Max-Age=" + maxAge.toSeconds() + "; HttpOnly; SameSite=Strict"
                + (secure ? "; Secure" : "");
    }

    /** The Set-Cookie value that makes the browser forget the session. */
    public static String clear(boolean secure) {
        return NAME + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "");
    }
}
