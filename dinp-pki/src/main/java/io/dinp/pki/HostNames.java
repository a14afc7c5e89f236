package io.dinp.pki;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** The names a certificate may carry for those who reach its holder by name: DNS names and IP addresses. */
public final class HostNames {
    private static final Pattern DNS = Pattern.compile("^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$");
    private static final Pattern IPV4 = Pattern.compile("^((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)$");
    private static final Pattern IPV6 = Pattern.compile("^[0-9a-fA-F:]+(%[A-Za-z0-9]+)?$");
    /** Enough for every address of a host; bounds what a request can make the CA write. */
    public static final int MAX_NAMES = 32;

    private HostNames() {
    }

    public static boolean isIpAddress(String s) {
        return IPV4.matcher(s).matches() || (s.contains(":") && IPV6.matcher(s).matches());
    }

    /**
     * The names, checked and lower-cased.
     *
     * @throws IllegalArgumentException naming the first bad one
     */
    public static List<String> check(List<String> names) {
        if (names == null) {
            return List.of();
        }
        if (names.size() > MAX_NAMES) {
            throw new IllegalArgumentException("names: at most " + MAX_NAMES + ", were " + names.size());
        }
        return names.stream().map(n -> {
            String s = n == null ? "" : n.trim().toLowerCase(Locale.ROOT);
            if (!isIpAddress(s) && !DNS.matcher(s).matches()) {
                throw new IllegalArgumentException("names: '" + n + "' is neither a DNS name nor an IP address");
            }
            return s.contains("%") ? s.substring(0, s.indexOf('%')) : s;
        }).distinct().toList();
    }
}
