package io.dinp.model;

/**
 * The text form of a secret sealed with the cluster's secret key (AES-256-GCM, see
 * {@code io.dinp.common.secret.SecretBox}): {@code dinp:v1:<key id>:<base64url(nonce, ciphertext, tag)>}.
 * The model only carries such values, from SQL through the controller to the agent, and never
 * opens them; this class lets every layer refuse a plaintext that was put where a sealed value belongs.
 */
public final class SealedValue {
    /** Every sealed value starts with this; the version names the format (cipher, nonce size, AAD). */
    public static final String PREFIX = "dinp:v1:";
    /** Shown instead of a secret's value, and sent back to keep it unchanged. */
    public static final String MASK = "********";
    /** The sealed form of the largest env value allowed (32 KiB) fits with room to spare. */
    public static final int MAX_LENGTH = 64 * 1024;

    private SealedValue() {
    }

    /** Whether {@code s} has the form of a sealed value; says nothing about whether it opens. */
    public static boolean looksSealed(String s) {
        if (s == null || s.length() > MAX_LENGTH || !s.startsWith(PREFIX)) {
            return false;
        }
        int colon = s.indexOf(':', PREFIX.length());
        if (colon <= PREFIX.length() || colon == s.length() - 1) {
            return false;
        }
        for (int i = colon + 1; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean b64 = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_';
            if (!b64) {
                return false;
            }
        }
        return true;
    }
}
