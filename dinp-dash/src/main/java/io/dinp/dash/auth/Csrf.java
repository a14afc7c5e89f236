package io.dinp.dash.auth;

import io.dinp.model.access.AuthMethod;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Set;

/**
 * Cross-site request forgery protection for browser sessions. A session's CSRF token is derived
 * from its id (a hash under a label of its own), so it is stored nowhere, cannot be turned back
 * into the id, and changes with every session. A browser sends the cookie on its own; a page of
 * another site cannot read the token to send with it.
 */
public final class Csrf {
    /** The request header that carries the token; plain HTML forms use the field {@value #FORM_FIELD}. */
    public static final String HEADER = "X-CSRF-Token";
    public static final String FORM_FIELD = "_csrf";
    /** Methods that change nothing (no GET changes state in this API). */
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

    private Csrf() {
    }

    /** The CSRF token of the session with id {@code sessionId}. */
    public static String tokenFor(String sessionId) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256")
                    .digest(("dinp-csrf\0" + sessionId).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }

    /**
     * Whether a request must carry the token: changes made with the session cookie. Bearer and
     * Basic calls need none: a browser never adds those to a cross-site request by itself (the API
     * never asks it for Basic credentials, so it has none cached).
     */
    public static boolean needed(String method, AuthMethod via) {
        return via == AuthMethod.SESSION && !SAFE.contains(method);
    }

    /** Whether the presented token is the session's, compared in constant time. */
    public static boolean matches(String sessionId, String presented) {
        if (sessionId == null || presented == null) {
            return false;
        }
        return MessageDigest.isEqual(tokenFor(sessionId).getBytes(StandardCharsets.US_ASCII),
                presented.getBytes(StandardCharsets.UTF_8));
    }
}
