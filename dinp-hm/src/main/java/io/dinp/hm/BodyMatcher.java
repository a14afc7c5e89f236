package io.dinp.hm;

/**
 * Finds a byte sequence in the start of a response body, without decoding it.
 */
public final class BodyMatcher {
    private BodyMatcher() {
    }

    /** Whether {@code needle} occurs in {@code haystack}; an empty needle occurs everywhere, a null haystack is empty. */
    public static boolean contains(byte[] haystack, byte[] needle) {
        return contains(haystack, Integer.MAX_VALUE, needle);
    }

    /** Whether {@code needle} occurs within the first {@code limit} bytes of {@code haystack}. */
    public static boolean contains(byte[] haystack, int limit, byte[] needle) {
        if (needle.length == 0) {
            return true;
        }
        if (haystack == null) {
            return false;
        }
        byte first = needle[0];
        int last = Math.min(haystack.length, Math.max(limit, 0)) - needle.length;
        outer:
        for (int i = 0; i <= last; i++) {
            if (haystack[i] != first) {
                continue;
            }
            for (int j = 1; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
