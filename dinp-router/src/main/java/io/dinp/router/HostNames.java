package io.dinp.router;

import java.util.Locale;

/** Turns a Host header into a normalized host name and, when it is one, the app it names. */
final class HostNames {
    private static final int MAX_HOST = 253;
    private static final int MAX_LABEL = 63;

    private HostNames() {
    }

    /**
     * The host without port, lower-cased, without a trailing dot; null when the header is absent
     * or is not a host name, IPv4 or bracketed IPv6 address with an optional port.
     */
    static String normalize(String header) {
        if (header == null) {
            return null;
        }
        String h = header.trim();
        if (h.isEmpty()) {
            return null;
        }
        String host;
        String port;
        if (h.startsWith("[")) {
            int close = h.indexOf(']');
            if (close < 0) {
                return null;
            }
            host = h.substring(0, close + 1);
            String rest = h.substring(close + 1);
            if (!rest.isEmpty() && !rest.startsWith(":")) {
                return null;
            }
            port = rest.isEmpty() ? null : rest.substring(1);
            for (int i = 1; i < close; i++) {
                char c = h.charAt(i);
                if (c != ':' && c != '.' && Character.digit(c, 16) < 0) {
                    return null;
                }
            }
        } else {
            int colon = h.indexOf(':');
            if (colon != h.lastIndexOf(':')) {
                return null;
            }
            host = colon < 0 ? h : h.substring(0, colon);
            port = colon < 0 ? null : h.substring(colon + 1);
            if (host.endsWith(".")) {
                host = host.substring(0, host.length() - 1);
            }
            if (!validName(host)) {
                return null;
            }
        }
        if (port != null && (port.isEmpty() || port.length() > 5 || !allDigits(port))) {
            return null;
        }
        return host.toLowerCase(Locale.ROOT);
    }

    /** The app named by {@code <app>.<appsDomain>}, or null when the host is not of that form. */
    static String appOf(String host, String appsDomain) {
        int labelEnd = host == null ? -1 : host.length() - appsDomain.length() - 1;
        if (labelEnd <= 0 || host.charAt(labelEnd) != '.' || !host.endsWith(appsDomain)) {
            return null;
        }
        String label = host.substring(0, labelEnd);
        return validLabel(label) ? label : null;
    }

    // Plain loops, no streams or split: this runs for every request.
    private static boolean validName(String host) {
        int n = host.length();
        if (n == 0 || n > MAX_HOST) {
            return false;
        }
        int labelStart = 0;
        for (int i = 0; i <= n; i++) {
            char c = i == n ? '.' : host.charAt(i);
            if (c == '.') {
                int len = i - labelStart;
                if (len == 0 || len > MAX_LABEL) {
                    return false;
                }
                labelStart = i + 1;
            } else if (c != '-' && c != '_' && !isAlnum(c)) {
                return false;
            }
        }
        return true;
    }

    private static boolean validLabel(String label) {
        int n = label.length();
        if (n == 0 || n > MAX_LABEL || label.charAt(0) == '-' || label.charAt(n - 1) == '-') {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = label.charAt(i);
            if (c != '-' && !isAlnum(c)) {
                return false;
            }
        }
        return true;
    }

    private static boolean allDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean isAlnum(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }
}
