package io.dinp.hm;

import io.dinp.model.HealthSettings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Turns one HTTP response into a {@link CheckResult}: pass iff the status is in range and the
 * body contains the required substring, if any.
 */
public final class CheckEvaluator {
    private CheckEvaluator() {
    }

    /**
     * @param bodyPrefix the first bytes of the body, at most {@link HealthSettings#MAX_BODY_BYTES}
     *                   are looked at; {@code null} means no body
     */
    public static CheckResult evaluate(int status, byte[] bodyPrefix, Duration latency, HealthSettings s) {
        if (!s.statusPasses(status)) {
            return CheckResult.fail(status, "status " + status + ", expected " + s.minStatus() + "-" + s.maxStatus(), latency);
        }
        if (s.bodyContains() != null) {
            byte[] needle = s.bodyContains().getBytes(StandardCharsets.UTF_8);
            if (!BodyMatcher.contains(bodyPrefix, HealthSettings.MAX_BODY_BYTES, needle)) {
                return CheckResult.fail(status, "status " + status + " but the body does not contain \""
                        + s.bodyContains() + "\" in its first " + HealthSettings.MAX_BODY_BYTES + " bytes", latency);
            }
        }
        return CheckResult.pass(status, latency);
    }
}
