package io.dinp.hm;

import io.dinp.model.HealthSettings;
import java.time.Duration;
import java.util.Objects;

/**
 * The outcome of one health check of one instance.
 *
 * @param passed  whether the instance answered as its settings require
 * @param status  the HTTP status, or {@code null} when no response arrived
 * @param error   why the check failed, in words for the user; {@code null} exactly when it passed
 * @param latency how long the check took
 */
public record CheckResult(boolean passed, Integer status, String error, Duration latency) {
    /** How the error of a timed-out check begins. */
    static final String TIMED_OUT = "no response within ";

    public CheckResult {
        Objects.requireNonNull(latency, "latency");
        if (latency.isNegative()) {
            throw new IllegalArgumentException("latency must not be negative, was " + latency);
        }
        if (passed && (status == null || error != null)) {
            throw new IllegalArgumentException("a passed check has a status and no error");
        }
        if (!passed && (error == null || error.isBlank())) {
            throw new IllegalArgumentException("a failed check must say why");
        }
    }

    public static CheckResult pass(int status, Duration latency) {
        return new CheckResult(true, status, null, latency);
    }

    /** A response arrived but did not pass. */
    public static CheckResult fail(int status, String error, Duration latency) {
        return new CheckResult(false, status, error, latency);
    }

    /** No response: refused, reset, unreachable. */
    public static CheckResult noResponse(String error, Duration latency) {
        return new CheckResult(false, null, error, latency);
    }

    /** No complete response within the timeout. */
    public static CheckResult timedOut(Duration timeout) {
        return noResponse(TIMED_OUT + HealthSettings.show(timeout), timeout);
    }
}
