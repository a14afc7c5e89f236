package io.dinp.common.metrics;

import java.util.Map;

/** One thing {@code /healthz} looks at (the database, the Docker Engine, the control loop…). */
@FunctionalInterface
public interface HealthCheck {
    Result check();

    /** What a check found: whether it is fine, and a few facts to show (no secrets). */
    record Result(boolean ok, Map<String, Object> details) {
        public Result {
            details = Map.copyOf(details);
        }

        public static Result ok(Map<String, Object> details) {
            return new Result(true, details);
        }

        public static Result failing(String why) {
            return new Result(false, Map.of("error", why == null ? "unknown" : why));
        }
    }

    /** Runs {@code probe}; an exception is a failing result naming it. */
    static Result guarded(java.util.concurrent.Callable<Result> probe) {
        try {
            return probe.call();
        } catch (Exception e) {
            return Result.failing(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }
}
