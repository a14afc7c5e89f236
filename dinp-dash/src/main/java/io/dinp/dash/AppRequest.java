package io.dinp.dash;

import com.fasterxml.jackson.databind.JsonNode;
import io.dinp.common.http.ApiException;
import io.dinp.model.AppSpec;
import io.dinp.model.AppValidation;
import io.dinp.model.FieldError;
import io.dinp.model.HealthCheck;
import io.dinp.model.HealthSettings;
import io.dinp.model.access.Access;
import io.dinp.model.access.Caller;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Reads an app's create or patch body field by field, so a wrong type or an unknown field is
 * reported by name rather than as a generic parse error.
 */
final class AppRequest {
    static final Set<String> CREATE_FIELDS = Set.of("name", "team", "image", "instances", "memory", "env", "secretEnv",
            "healthPath", "health");
    static final Set<String> PATCH_FIELDS = Set.of("image", "instances", "memory", "env", "secretEnv", "healthPath", "health");
    static final Set<String> HEALTH_FIELDS = Set.of("path", "minStatus", "maxStatus", "bodyContains", "timeoutMs",
            "intervalMs", "rise", "fall", "startupGraceMs");
    static final int DEFAULT_INSTANCES = 1;
    static final int DEFAULT_MEMORY = 256;

    private final JsonNode body;
    private final List<FieldError> errors = new ArrayList<>();

    private AppRequest(JsonNode body, Set<String> allowed) {
        if (body == null || !body.isObject()) {
            throw new ApiException(400, "request body must be a JSON object");
        }
        this.body = body;
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!allowed.contains(f)) {
                errors.add(new FieldError(f, "is not a known field (allowed: " + String.join(", ", allowed.stream().sorted().toList()) + ")"));
            }
        }
    }

    /**
     * A full spec from a create body; defaults: 1 instance, 256 MB, no env, health path /, and no
     * image (the app then waits for its first release). The values of the names in
     * {@code secretEnv} are sealed with {@code sealer}.
     */
    static AppSpec create(JsonNode body, EnvSealer sealer) {
        AppRequest r = new AppRequest(body, CREATE_FIELDS);
        String name = r.string("name");
        String image = r.string("image");
        Integer instances = r.has("instances") ? r.integer("instances") : Integer.valueOf(DEFAULT_INSTANCES);
        Integer memory = r.has("memory") ? r.integer("memory") : Integer.valueOf(DEFAULT_MEMORY);
        Map<String, String> env = r.env();
        List<String> secretNames = r.secretNames();
        String path = r.has("healthPath") ? r.string("healthPath") : "/";
        if (r.errors.isEmpty()) {
            r.errors.addAll(AppValidation.spec(name, image, instances, memory, env, path));
        }
        HealthSettings health = r.health(HealthSettings.DEFAULTS.withPath(r.errors.isEmpty() ? path : "/"));
        r.failIfErrors();
        SecretEnvChange.Result split = SecretEnvChange.apply(name, env, secretNames, Map.of(), sealer, r.errors);
        r.failIfErrors();
        return new AppSpec(name, image, instances, memory, split.env(), split.secretEnv(), health, 0);
    }

    /**
     * The team a create body puts the app in: its {@code team} field if the caller belongs to
     * that team, else the caller's only team (see {@link Access#teamForNewApp}).
     */
    static String team(JsonNode body, Caller caller, Predicate<String> teamExists) {
        if (body == null || !body.isObject()) {
            throw new ApiException(400, "request body must be a JSON object");
        }
        JsonNode n = body.get("team");
        if (n != null && !n.isNull() && !n.isTextual()) {
            throw ApiException.invalid(List.of(new FieldError("team", "must be a string")));
        }
        String requested = n == null || n.isNull() ? null : n.textValue();
        boolean exists = requested != null && caller.admin() && teamExists.test(requested);
        Access.Choice choice = Access.teamForNewApp(caller, requested, exists);
        if (choice.error() != null) {
            throw ApiException.invalid(List.of(choice.error()));
        }
        return choice.team();
    }

    /**
     * The spec after applying a patch body to {@code current}; validates every given field. New
     * secret values are sealed with {@code sealer}; secrets sent back masked keep their sealed value.
     */
    static AppSpec patch(AppSpec current, JsonNode body, EnvSealer sealer) {
        AppRequest r = new AppRequest(body, PATCH_FIELDS);
        String image = current.image();
        int instances = current.instances();
        int memory = current.memoryMb();
        Map<String, String> env = current.env();
        Map<String, String> secretEnv = current.secretEnv();
        HealthSettings health = current.health();
        if (r.has("image")) {
            image = r.string("image");
            r.errors.addAll(AppValidation.image(image));
        }
        if (r.has("instances")) {
            Integer n = r.integer("instances");
            r.errors.addAll(n == null ? List.of() : AppValidation.instances(n));
            instances = n == null ? instances : n;
        }
        if (r.has("memory")) {
            Integer m = r.integer("memory");
            r.errors.addAll(m == null ? List.of() : AppValidation.memory(m));
            memory = m == null ? memory : m;
        }
        if (r.has("env") || r.has("secretEnv")) {
            // without env, the secret names apply to the env as the client would have read it
            Map<String, String> requested = r.has("env") ? r.env() : SecretEnvChange.masked(env, secretEnv);
            List<String> secretNames = r.secretNames();
            r.errors.addAll(AppValidation.env(requested));
            if (r.errors.isEmpty()) {
                SecretEnvChange.Result split = SecretEnvChange.apply(current.name(), requested, secretNames,
                        current.secretEnv(), sealer, r.errors);
                env = split.env();
                secretEnv = split.secretEnv();
            }
        }
        if (r.has("healthPath")) {
            String path = r.string("healthPath");
            List<FieldError> bad = AppValidation.healthPath(path);
            r.errors.addAll(bad);
            health = bad.isEmpty() && path != null ? health.withPath(path) : health;
        }
        health = r.health(health);
        if (r.errors.isEmpty() && body.size() == 0) {
            r.errors.add(new FieldError("body", "names no field to change (any of " + String.join(", ", PATCH_FIELDS.stream().sorted().toList()) + ")"));
        }
        r.failIfErrors();
        return new AppSpec(current.name(), image, instances, memory, env, secretEnv, health, current.generation());
    }

    /**
     * The {@code health} object laid over {@code base}: any subset of the check's fields; errors
     * name the field as {@code health.<field>}.
     */
    private HealthSettings health(HealthSettings base) {
        JsonNode n = body.get("health");
        if (n == null || n.isNull()) {
            return base;
        }
        if (!n.isObject()) {
            errors.add(new FieldError("health", "must be an object with any of " + String.join(", ", HEALTH_FIELDS.stream().sorted().toList())));
            return base;
        }
        int before = errors.size();
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!HEALTH_FIELDS.contains(f)) {
                errors.add(new FieldError("health." + f, "is not a known field (allowed: "
                        + String.join(", ", HEALTH_FIELDS.stream().sorted().toList()) + ")"));
            }
        }
        HealthCheck c = new HealthCheck(text(n, "path"), whole(n, "minStatus"), whole(n, "maxStatus"),
                text(n, "bodyContains"), millis(n, "timeoutMs"), millis(n, "intervalMs"), whole(n, "rise"),
                whole(n, "fall"), millis(n, "startupGraceMs"));
        if (errors.size() > before) {
            return base;
        }
        try {
            return c.over(base, "health.");
        } catch (HealthCheck.InvalidHealthCheck e) {
            errors.addAll(e.errors());
            return base;
        }
    }

    private String text(JsonNode obj, String f) {
        JsonNode v = obj.get(f);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            errors.add(new FieldError("health." + f, "must be a string"));
            return null;
        }
        return v.textValue();
    }

    private Integer whole(JsonNode obj, String f) {
        JsonNode v = obj.get(f);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            errors.add(new FieldError("health." + f, "must be a whole number"));
            return null;
        }
        return v.intValue();
    }

    private Long millis(JsonNode obj, String f) {
        JsonNode v = obj.get(f);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < 0) {
            errors.add(new FieldError("health." + f, "must be a whole number of milliseconds"));
            return null;
        }
        return v.longValue();
    }

    private boolean has(String f) {
        return body.has(f) && !body.get(f).isNull();
    }

    private String string(String f) {
        JsonNode n = body.get(f);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual()) {
            errors.add(new FieldError(f, "must be a string"));
            return null;
        }
        return n.textValue();
    }

    private Integer integer(String f) {
        JsonNode n = body.get(f);
        if (!n.isIntegralNumber() || !n.canConvertToInt()) {
            errors.add(new FieldError(f, "must be a whole number"));
            return null;
        }
        return n.intValue();
    }

    private Map<String, String> env() {
        JsonNode n = body.get("env");
        if (n == null || n.isNull()) {
            return Map.of();
        }
        if (!n.isObject()) {
            errors.add(new FieldError("env", "must be an object of string values"));
            return Map.of();
        }
        Map<String, String> env = new LinkedHashMap<>();
        n.fields().forEachRemaining(e -> {
            if (!e.getValue().isTextual()) {
                errors.add(new FieldError("env." + e.getKey(), "must be a string"));
            } else {
                env.put(e.getKey(), e.getValue().textValue());
            }
        });
        return env;
    }

    /**
     * The {@code secretEnv} field: the names of env variables whose values are secret, or null
     * when the body has none (keep the current marking).
     */
    private List<String> secretNames() {
        JsonNode n = body.get("secretEnv");
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isArray()) {
            errors.add(new FieldError("secretEnv", "must be an array of variable names"));
            return null;
        }
        List<String> names = new ArrayList<>();
        for (JsonNode item : n) {
            if (!item.isTextual() || !AppValidation.ENV_KEY.matcher(item.textValue()).matches()) {
                errors.add(new FieldError("secretEnv", "must hold variable names ([A-Za-z_][A-Za-z0-9_]*), had "
                        + (item.isTextual() ? "'" + item.textValue() + "'" : item.getNodeType().toString().toLowerCase(java.util.Locale.ROOT))));
            } else if (names.contains(item.textValue())) {
                errors.add(new FieldError("secretEnv", "names " + item.textValue() + " twice"));
            } else {
                names.add(item.textValue());
            }
        }
        return names;
    }

    private void failIfErrors() {
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
    }
}
