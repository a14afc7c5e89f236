package io.dinp.dash.web;

import io.dinp.common.http.Exchange;

/**
 * The headers every dashboard response carries: scripts only from this origin (no inline script,
 * so injected markup cannot run), no framing, no type sniffing, no full URLs leaking to other sites.
 */
final class SecurityHeaders {
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
            + "frame-ancestors 'none'";

    private SecurityHeaders() {
    }

    static void apply(Exchange ex) {
        ex.header("Content-Security-Policy", CSP);
        ex.header("X-Content-Type-Options", "nosniff");
        ex.header("X-Frame-Options", "DENY");
        ex.header("Referrer-Policy", "same-origin");
        ex.header("Cross-Origin-Opener-Policy", "same-origin");
    }
}
