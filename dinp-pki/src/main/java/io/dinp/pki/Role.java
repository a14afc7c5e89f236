package io.dinp.pki;

import java.util.Locale;

/** What a certificate's holder is in the cluster; each role may call a different part of the control API. */
public enum Role {
    /** The controller; the only role clients of the control API accept as their peer. */
    SERVER,
    /** An agent of one Docker host. */
    NODE,
    /** A health monitor. */
    HM,
    /** The public API; also serves HTTPS to users with this certificate. */
    DASH;

    /** The lower-case name used in certificates, tokens and the API. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the roles there are */
    public static Role parse(String s) {
        for (Role r : values()) {
            if (r.id().equals(s)) {
                return r;
            }
        }
        throw new IllegalArgumentException("not a role: '" + s + "' (one of server, node, hm, dash)");
    }

    /** The roles a join token may be made for: the server's certificate comes from its own CA. */
    public boolean joinable() {
        return this != SERVER;
    }
}
