package io.dinp.pki;

import java.time.Instant;

/**
 * What the cluster remembers of a join token it issued: never the secret, only its hash.
 *
 * @param usedAt when a component joined with it, null while unused
 * @param usedBy the id that joined with it
 */
public record JoinGrant(String id, String secretHash, Role role, Instant createdAt, Instant expiresAt, Instant usedAt,
                        String usedBy) {

    /**
     * Why {@code presented} may not join now, or null when it may. Pure: the caller marks the
     * grant used in the same step that issues the certificate, atomically (see the store).
     *
     * @param caFingerprint this cluster's CA
     */
    public static String refusal(JoinToken presented, JoinGrant grant, String caFingerprint, Instant now) {
        if (!presented.caFingerprint().equals(caFingerprint)) {
            return "the join token is for another cluster (its CA fingerprint is not this server's)";
        }
        if (grant == null || !presented.matches(grant.secretHash())) {
            return "unknown join token";
        }
        if (grant.usedAt() != null) {
            return "the join token was used already (by " + grant.usedBy() + "); make a new one with dinp nodes token create";
        }
        if (!now.isBefore(grant.expiresAt())) {
            return "the join token expired at " + grant.expiresAt() + "; make a new one with dinp nodes token create";
        }
        return null;
    }

    /** {@code unused}, {@code used} or {@code expired} at {@code now}. */
    public String state(Instant now) {
        return usedAt != null ? "used" : now.isBefore(expiresAt) ? "unused" : "expired";
    }
}
