package io.dinp.hm;

import io.dinp.model.HealthSettings;
import io.dinp.hm.HealthState.Phase;
import java.time.Instant;

/**
 * The per-instance health state machine: thresholds in both directions and a start-up grace, so
 * one lost check never takes an instance out and a slow starter is never declared dead early.
 */
public final class HealthMachine {
    private HealthMachine() {
    }

    /** The state after check {@code r}, made at {@code now}. */
    public static HealthState next(HealthState prev, CheckResult r, Instant now, HealthSettings s) {
        return step(prev, r, now, s).state();
    }

    /** The state after check {@code r}, made at {@code now}, and the transition it caused. */
    public static HealthStep step(HealthState prev, CheckResult r, Instant now, HealthSettings s) {
        int passes = r.passed() ? saturatingIncrement(prev.consecutivePasses()) : 0;
        int fails = r.passed() ? 0 : saturatingIncrement(prev.consecutiveFails());
        String lastFailure = r.passed() ? prev.lastFailure() : r.error();
        Phase to = prev.phase();
        String reason = null;
        if (r.passed() && prev.phase() != Phase.HEALTHY && passes >= s.rise()) {
            to = Phase.HEALTHY;
            reason = passes == 1 ? "passed its check" : "passed " + passes + " checks in a row";
        } else if (!r.passed() && fails >= s.fall()) {
            if (prev.phase() == Phase.HEALTHY) {
                to = Phase.UNHEALTHY;
                reason = failed(fails, r.error());
            } else if (prev.phase() == Phase.STARTING && !prev.inGrace(now, s)) {
                to = Phase.UNHEALTHY;
                reason = "did not become healthy within its " + HealthSettings.show(s.startupGrace())
                        + " start-up grace; " + failed(fails, r.error());
            }
        }
        if (to == prev.phase()) {
            return new HealthStep(new HealthState(to, passes, fails, prev.firstSeen(), prev.lastTransition(), lastFailure), null);
        }
        return new HealthStep(new HealthState(to, passes, fails, prev.firstSeen(), now, lastFailure),
                new HealthTransition(prev.phase(), to, now, reason));
    }

    private static String failed(int fails, String error) {
        return (fails == 1 ? "failed its check" : "failed " + fails + " checks in a row") + ", last: " + error;
    }

    private static int saturatingIncrement(int n) {
        return n == Integer.MAX_VALUE ? n : n + 1;
    }
}
