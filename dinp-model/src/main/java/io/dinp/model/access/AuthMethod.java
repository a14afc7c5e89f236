package io.dinp.model.access;

import java.util.Locale;

/** How a caller proved who they are; a session needs a CSRF token on changes, the others do not. */
public enum AuthMethod {
    /** {@code Authorization: Bearer dinp_...} */
    TOKEN,
    /** the browser session cookie */
    SESSION,
    /** {@code Authorization: Basic} with the user's password */
    BASIC,
    /** the cluster join token of the internal API (components, not people) */
    CLUSTER;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
