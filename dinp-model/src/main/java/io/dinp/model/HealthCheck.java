package io.dinp.model;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link HealthSettings} as the API and the database write it: plain numbers in milliseconds.
 * A null field means "the default" (when creating) or "unchanged" (when merging into a current one).
 */
public record HealthCheck(String path, Integer minStatus, Integer maxStatus, String bodyContains, Long timeoutMs,
                          Long intervalMs, Integer rise, Integer fall, Long startupGraceMs) {

    public static HealthCheck of(HealthSettings s) {
        return new HealthCheck(s.path(), s.minStatus(), s.maxStatus(), s.bodyContains(), s.timeout().toMillis(),
                s.interval().toMillis(), s.rise(), s.fall(), s.startupGrace().toMillis());
    }

    /**
     * These fields laid over {@code base}. Errors name the API field, prefixed (e.g. {@code health.timeoutMs}).
     *
     * @throws InvalidHealthCheck with every broken rule
     */
    public HealthSettings over(HealthSettings base, String prefix) {
        String p = path != null ? path : base.path();
        int min = minStatus != null ? minStatus : base.minStatus();
        int max = maxStatus != null ? maxStatus : base.maxStatus();
        String body = bodyContains != null ? bodyContains : base.bodyContains();
        Duration timeout = timeoutMs != null ? Duration.ofMillis(timeoutMs) : base.timeout();
        Duration interval = intervalMs != null ? Duration.ofMillis(intervalMs) : base.interval();
        int r = rise != null ? rise : base.rise();
        int f = fall != null ? fall : base.fall();
        Duration grace = startupGraceMs != null ? Duration.ofMillis(startupGraceMs) : base.startupGrace();
        List<FieldError> errors = new ArrayList<>();
        for (FieldError e : HealthSettings.validate(p, min, max, body == null || body.isEmpty() ? null : body,
                timeout, interval, r, f, grace)) {
            errors.add(new FieldError(prefix + apiName(e.field()), e.reason()));
        }
        if (!errors.isEmpty()) {
            throw new InvalidHealthCheck(errors);
        }
        return new HealthSettings(p, min, max, body, timeout, interval, r, f, grace);
    }

    private static String apiName(String field) {
        return switch (field) {
            case "timeout" -> "timeoutMs";
            case "interval" -> "intervalMs";
            case "startupGrace" -> "startupGraceMs";
            default -> field;
        };
    }

    /** Health check fields that break the rules, each named as the API names it. */
    public static final class InvalidHealthCheck extends IllegalArgumentException {
        private final List<FieldError> errors;

        public InvalidHealthCheck(List<FieldError> errors) {
            super(errors.toString());
            this.errors = List.copyOf(errors);
        }

        public List<FieldError> errors() {
            return errors;
        }
    }
}
