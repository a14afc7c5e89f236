package io.dinp.model;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * How one app's instances are checked: what to GET, what counts as a pass, and how many passes
 * or failures in a row change an instance's health.
 *
 * @param path         the path to GET; {@code null} means {@code /}
 * @param minStatus    lowest status that passes
 * @param maxStatus    highest status that passes
 * @param bodyContains a string the first {@link #MAX_BODY_BYTES} bytes of the body must contain;
 *                     {@code null} or empty checks the status only (the 2015 original used {@code "ok"})
 * @param timeout      how long one check may take before it fails
 * @param interval     time between the starts of two checks of one instance
 * @param rise         passes in a row that make an instance healthy (and routable)
 * @param fall         failures in a row that make a healthy instance unhealthy
 * @param startupGrace how long after it was first seen a starting instance is never declared unhealthy
 */
public record HealthSettings(String path, int minStatus, int maxStatus, String bodyContains,
                             Duration timeout, Duration interval, int rise, int fall, Duration startupGrace) {

    /** How much of a response body the checker reads; the substring must appear in it. */
    public static final int MAX_BODY_BYTES = 4096;
    public static final int MAX_BODY_CONTAINS_BYTES = 256;
    public static final Duration MIN_TIMEOUT = Duration.ofMillis(10);
    public static final Duration MAX_TIMEOUT = Duration.ofSeconds(60);
    public static final Duration MIN_INTERVAL = Duration.ofMillis(100);
    public static final Duration MAX_INTERVAL = Duration.ofMinutes(10);
    public static final Duration MAX_STARTUP_GRACE = Duration.ofHours(1);
    public static final int MAX_THRESHOLD = 100;

    /**
     * A dead instance is out of the routes within {@link #detectionBound()} = 2 × 1 s + 0.8 s =
     * 2.8 s; with the checker's fast re-check after a failure, a hung one within 1 s + 2 × 0.8 s =
     * 2.6 s and a crashed one (refusing at once) within about 1.25 s. One lost check never removes it.
     */
    public static final HealthSettings DEFAULTS = new HealthSettings("/", 200, 399, null,
            Duration.ofMillis(800), Duration.ofSeconds(1), 1, 2, Duration.ofSeconds(30));

    public HealthSettings {
        path = path == null ? "/" : path;
        bodyContains = bodyContains == null || bodyContains.isEmpty() ? null : bodyContains;
        List<FieldError> errors = validate(path, minStatus, maxStatus, bodyContains, timeout, interval, rise, fall, startupGrace);
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("invalid health settings: "
                    + errors.stream().map(FieldError::toString).collect(Collectors.joining("; ")));
        }
    }

    /** Every rule, each violation naming its field; {@code null} path and body substring are allowed (defaults). */
    public static List<FieldError> validate(String path, int minStatus, int maxStatus, String bodyContains,
                                            Duration timeout, Duration interval, int rise, int fall,
                                            Duration startupGrace) {
        List<FieldError> errors = new ArrayList<>();
        AppValidation.healthPath(path).forEach(e -> errors.add(new FieldError("path", e.reason())));
        boolean minOk = statusInRange(errors, "minStatus", minStatus);
        boolean maxOk = statusInRange(errors, "maxStatus", maxStatus);
        if (minOk && maxOk && maxStatus < minStatus) {
            errors.add(new FieldError("maxStatus", "must not be below minStatus " + minStatus + ", was " + maxStatus));
        }
        if (bodyContains != null && bodyContains.getBytes(StandardCharsets.UTF_8).length > MAX_BODY_CONTAINS_BYTES) {
            errors.add(new FieldError("bodyContains", "must be at most " + MAX_BODY_CONTAINS_BYTES + " bytes in UTF-8"));
        }
        boolean timeoutOk = between(errors, "timeout", timeout, MIN_TIMEOUT, MAX_TIMEOUT);
        boolean intervalOk = between(errors, "interval", interval, MIN_INTERVAL, MAX_INTERVAL);
        // One check in flight per instance: a timeout longer than the interval would overlap checks.
        if (timeoutOk && intervalOk && timeout.compareTo(interval) > 0) {
            errors.add(new FieldError("timeout", "must not exceed the interval " + show(interval) + ", was " + show(timeout)));
        }
        threshold(errors, "rise", rise);
        threshold(errors, "fall", fall);
        between(errors, "startupGrace", startupGrace, Duration.ZERO, MAX_STARTUP_GRACE);
        return errors;
    }

    /** The longest time from an instance going dead to being declared unhealthy, when it was healthy and its checks run on time. */
    public Duration detectionBound() {
        return interval.multipliedBy(fall).plus(timeout);
    }

    /** Whether {@code status} is in the passing range. */
    public boolean statusPasses(int status) {
        return status >= minStatus && status <= maxStatus;
    }

    public HealthSettings withPath(String p) {
        return new HealthSettings(p, minStatus, maxStatus, bodyContains, timeout, interval, rise, fall, startupGrace);
    }

    public HealthSettings withStatusRange(int min, int max) {
        return new HealthSettings(path, min, max, bodyContains, timeout, interval, rise, fall, startupGrace);
    }

    public HealthSettings withBodyContains(String b) {
        return new HealthSettings(path, minStatus, maxStatus, b, timeout, interval, rise, fall, startupGrace);
    }

    public HealthSettings withTiming(Duration t, Duration i) {
        return new HealthSettings(path, minStatus, maxStatus, bodyContains, t, i, rise, fall, startupGrace);
    }

    public HealthSettings withThresholds(int r, int f) {
        return new HealthSettings(path, minStatus, maxStatus, bodyContains, timeout, interval, r, f, startupGrace);
    }

    public HealthSettings withStartupGrace(Duration g) {
        return new HealthSettings(path, minStatus, maxStatus, bodyContains, timeout, interval, rise, fall, g);
    }

    private static boolean statusInRange(List<FieldError> errors, String field, int status) {
        if (status < 100 || status > 599) {
            errors.add(new FieldError(field, "must be an HTTP status between 100 and 599, was " + status));
            return false;
        }
        return true;
    }

    private static boolean between(List<FieldError> errors, String field, Duration d, Duration min, Duration max) {
        if (d == null) {
            errors.add(new FieldError(field, "is required"));
            return false;
        }
        if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            errors.add(new FieldError(field, "must be between " + show(min) + " and " + show(max) + ", was " + show(d)));
            return false;
        }
        return true;
    }

    private static void threshold(List<FieldError> errors, String field, int n) {
        if (n < 1 || n > MAX_THRESHOLD) {
            errors.add(new FieldError(field, "must be between 1 and " + MAX_THRESHOLD + " checks in a row, was " + n));
        }
    }

    public static String show(Duration d) {
        if (d.getNano() == 0) {
            return d.getSeconds() + " s";
        }
        if (d.getNano() % 1_000_000 == 0 && Math.abs(d.getSeconds()) < 1_000_000_000L) {
            return d.toMillis() + " ms";
        }
        return d.toString();
    }
}
