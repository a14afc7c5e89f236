package io.dinp.common.metrics;

import io.dinp.common.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The checks behind one process' {@code /healthz}: 200 and {@code "status":"ok"} when every
 * check passes, else 503 and {@code "status":"failing"}; each check's result under
 * {@code checks.<name>}. Components add their checks as they start; in {@code dinp up} all share one.
 */
public final class Healthz {
    private final Map<String, HealthCheck> checks = new ConcurrentSkipListMap<>();

    /** Adds (or replaces) the check called {@code name}. */
    public Healthz add(String name, HealthCheck check) {
        checks.put(name, check);
        return this;
    }

    /** The answer to one request. */
    public record Answer(int status, String json) {
    }

    public Answer answer() {
        Map<String, HealthCheck.Result> results = new LinkedHashMap<>();
        checks.forEach((name, c) -> results.put(name, HealthCheck.guarded(c::check)));
        return combine(results);
    }

    /** Pure: the results of the checks, by name, as the HTTP answer. */
    static Answer combine(Map<String, HealthCheck.Result> results) {
        boolean ok = results.values().stream().allMatch(HealthCheck.Result::ok);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", ok ? "ok" : "failing");
        Map<String, Object> each = new LinkedHashMap<>();
        results.forEach((name, r) -> {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("status", r.ok() ? "ok" : "failing");
            one.putAll(new java.util.TreeMap<>(r.details()));
            each.put(name, one);
        });
        body.put("checks", each);
        return new Answer(ok ? 200 : 503, Json.write(body));
    }

    /** Checks whose last success must be recent: {@code age} past {@code limit} fails. */
    public static HealthCheck.Result recent(String what, java.time.Duration age, java.time.Duration limit) {
        if (age == null) {
            return new HealthCheck.Result(false, Map.of(what, "never"));
        }
        return new HealthCheck.Result(age.compareTo(limit) <= 0,
                Map.of(what + "SecondsAgo", age.toMillis() / 1000.0, "limitSeconds", limit.toSeconds()));
    }
}
