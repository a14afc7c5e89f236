package io.dinp.model;

import java.util.List;

/**
 * How the routers treat one app's requests. Changing these restarts nothing: they travel with the
 * route table and apply from the next request on.
 *
 * @param stickySessions a client is pinned to one instance by a cookie while that instance serves
 * @param maxBodyBytes   the largest request body the routers accept for the app; 0 leaves the
 *                       router's own limit in force
 * @param httpsRedirect  plain-HTTP requests are answered 308 to the same URL over HTTPS, by routers
 *                       that have a TLS listener
 */
public record RouteOptions(boolean stickySessions, long maxBodyBytes, boolean httpsRedirect) {
    /** What an app gets until someone says otherwise: what every app got before these existed. */
    public static final RouteOptions DEFAULTS = new RouteOptions(false, 0, false);
    /** The smallest body limit an app may set: below it even a small form would be refused. */
    public static final long MIN_MAX_BODY_BYTES = 1024;
    public static final long MAX_MAX_BODY_BYTES = 64L * 1024 * 1024 * 1024;

    public RouteOptions {
        if (maxBodyBytes < 0) {
            throw new IllegalArgumentException("maxBodyBytes must be >= 0, was " + maxBodyBytes);
        }
    }

    /** Whether these change nothing (such apps are left out of the route table). */
    public boolean sameAsDefaults() {
        return equals(DEFAULTS);
    }

    /** The body limit to apply: the app's own, else {@code routerLimit}. */
    public long bodyLimit(long routerLimit) {
        return maxBodyBytes > 0 ? maxBodyBytes : routerLimit;
    }

    /** The rule for {@code maxBodyBytes}: 0 (the router's limit), or 1 KiB .. 64 GiB. */
    public static List<FieldError> checkMaxBodyBytes(long bytes) {
        if (bytes == 0 || (bytes >= MIN_MAX_BODY_BYTES && bytes <= MAX_MAX_BODY_BYTES)) {
            return List.of();
        }
        return List.of(new FieldError("maxBodyBytes", "must be 0 (the router's limit) or between "
                + MIN_MAX_BODY_BYTES + " (1 KiB) and " + MAX_MAX_BODY_BYTES + " (64 GiB) bytes, was " + bytes));
    }
}
