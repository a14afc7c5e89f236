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
            if (!host.substring(1, close).chars().allMatch(c -> c == ':' || c == '.' || Character.digit(c, 16) >= 0)) {
                return null;
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
        if (port != null && (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(Character::isDigit))) {
            return null;
        }
        return host.toLowerCase(Locale.ROOT);
    }

    /** The app named by {@code <app>.<appsDomain>}, or null when the host is not of that form. */
    static String appOf(String host, String appsDomain) {
        if (host == null || !host.endsWith("." + appsDomain)) {
            return null;
        }
        String label = host.substring(0, host.length() - appsDomain.length() - 1);
        return validLabel(label) ? label : null;
    }

    private static boolean validName(String host) {
        if (host.isEmpty() || host.length() > MAX_HOST) {
            return false;
        }
        for (String label : host.split("\\.", -1)) {
            if (label.isEmpty() || label.length() > MAX_LABEL
                    || !label.chars().allMatch(c -> c == '-' || c == '_' || isAlnum(c))) {
                return false;
            }
        }
        return true;
    }

    private static boolean validLabel(String label) {
        return !label.isEmpty() && label.length() <= MAX_LABEL
                && label.chars().allMatch(c -> c == '-' || isAlnum(c))
                && label.charAt(0) != '-' && label.charAt(label.length() - 1) != '-';
    }

    private static boolean isAlnum(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }
}
