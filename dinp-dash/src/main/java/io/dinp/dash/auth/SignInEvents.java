package io.dinp.dash.auth;

import java.time.Duration;

/**
 * Where failed sign-ins are reported (the audit log): who was tried — the user's name only when
 * such a user exists, since a name that is no user may be a password typed in the wrong box —
 * from where, and the lock it started. Never the password.
 */
public interface SignInEvents {
    SignInEvents NONE = (address, knownUser, how, inARow, lock, lockedAddress) -> { };

    /**
     * @param knownUser    the user whose password was wrong, or null when the name is no user
     * @param how          the request it came with, e.g. {@code POST /api/v1/session}
     * @param inARow       failures in a row of this name from this address
     * @param lock         how long this failure locks the name from this address (or, with
     *                     {@code lockedAddress}, the whole address); null when it locks nothing
     * @param lockedAddress the failure locked the address for every name
     */
    void failed(String address, String knownUser, String how, int inARow, Duration lock, boolean lockedAddress);
}
