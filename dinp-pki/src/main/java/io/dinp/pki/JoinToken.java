package io.dinp.pki;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A one-time join token: {@code dinpjoin.<CA fingerprint>.<id>.<secret>}. The fingerprint (SHA-256
 * of the CA certificate, 64 hex digits) lets a new component trust the server on first contact,
 * as kubeadm's and Docker Swarm's tokens do: it accepts only a server whose chain ends in that CA.
 * The id finds the token's record; the secret (32 random bytes) proves it, and only its SHA-256 is
 * stored. Neither {@link #toString()} nor any error message contains the secret.
 */
public record JoinToken(String caFingerprint, String id, String secret) {
    public static final String PREFIX = "dinpjoin";
    private static final Pattern FINGERPRINT = Pattern.compile("^[0-9a-f]{64}$");
    private static final Pattern ID = Pattern.compile("^[0-9a-f]{16}$");
    private static final Pattern SECRET = Pattern.compile("^[A-Za-z0-9_-]{43}$");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Why a presented token is not even a token. */
    public static final class Malformed extends IllegalArgumentException {
        Malformed(String reason) {
            super(reason);
        }
    }

    public JoinToken {
        if (caFingerprint == null || !FINGERPRINT.matcher(caFingerprint).matches()) {
            throw new Malformed("join token: the CA fingerprint must be 64 lower-case hex digits");
        }
        if (id == null || !ID.matcher(id).matches()) {
            throw new Malformed("join token: the id must be 16 lower-case hex digits");
        }
        if (secret == null || !SECRET.matcher(secret).matches()) {
            throw new Malformed("join token: the secret must be 43 base64url characters");
        }
    }

    /** A new token for the cluster whose CA has this fingerprint. */
    public static JoinToken generate(String caFingerprint) {
        byte[] id = new byte[8];
        byte[] secret = new byte[32];
        RANDOM.nextBytes(id);
        RANDOM.nextBytes(secret);
        return new JoinToken(caFingerprint, HexFormat.of().formatHex(id), Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
    }

    /**
     * Reads a token as the operator pasted it (surrounding white space ignored).
     *
     * @throws Malformed saying which part is wrong, never echoing the text
     */
    public static JoinToken parse(String text) {
        if (text == null) {
            throw new Malformed("join token: none given");
        }
        String[] parts = text.trim().split("\\.", -1);
        if (parts.length != 4 || !PREFIX.equals(parts[0])) {
            throw new Malformed("join token: must look like dinpjoin.<CA fingerprint>.<id>.<secret> (make one with "
                    + "dinp nodes token create)");
        }
        return new JoinToken(parts[1], parts[2], parts[3]);
    }

    /** The whole token, to hand to the operator once. */
    public String value() {
        return PREFIX + "." + caFingerprint + "." + id + "." + secret;
    }

    /** SHA-256 hex of the secret: what is stored and compared. */
    public String secretHash() {
        return hash(secret);
    }

    static String hash(String secret) {
        return Fingerprints.sha256(secret.getBytes(StandardCharsets.US_ASCII));
    }

    /** Compares a stored hash with this token's in constant time. */
    public boolean matches(String storedHash) {
        return storedHash != null && MessageDigest.isEqual(storedHash.getBytes(StandardCharsets.US_ASCII),
                secretHash().getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public String toString() {
        return "JoinToken[id=" + id + ", ca " + caFingerprint.substring(0, 12) + "…]";
    }
}
