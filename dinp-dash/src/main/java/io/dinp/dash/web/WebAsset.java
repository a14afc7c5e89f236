package io.dinp.dash.web;

/**
 * One file of the dashboard as served: its bytes, its type and an ETag (a hash of the bytes), so a
 * browser revalidates with {@code If-None-Match} and gets a 304 while the file is unchanged.
 */
record WebAsset(byte[] body, String contentType, String etag) {

    /** Whether an {@code If-None-Match} header names this version. */
    boolean matches(String ifNoneMatch) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String tag : ifNoneMatch.split(",")) {
            String t = tag.trim();
            if (t.startsWith("W/")) {
                t = t.substring(2);
            }
            if (t.equals(etag) || t.equals("*")) {
                return true;
            }
        }
        return false;
    }
}
