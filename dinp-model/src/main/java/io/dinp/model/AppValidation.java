package io.dinp.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The rules an app's desired state must follow. Each violation names its field.
 */
public final class AppValidation {
    public static final Pattern NAME = Pattern.compile("^[a-z][a-z0-9-]{0,62}$");
    public static final Pattern ENV_KEY = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]*$");
    /** A docker image reference: [registry[:port]/]path[:tag][@digest], lower-case path. */
    public static final Pattern IMAGE = Pattern.compile(
            "^([a-zA-Z0-9.-]+(:[0-9]+)?/)?[a-z0-9]+([._-][a-z0-9]+)*(/[a-z0-9]+([._-][a-z0-9]+)*)*"
                    + "(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(@sha256:[a-f0-9]{64})?$");
    /** A release version: it becomes an image tag. */
    public static final Pattern VERSION = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$");
    public static final int MIN_MEMORY = 32;
    public static final int MAX_MEMORY = 65536;
    public static final int MAX_INSTANCES = 1000;
    public static final int MAX_ENV = 256;
    public static final int MAX_ENV_VALUE = 32 * 1024;
    /** Names the platform sets itself; an app may not override them. */
    public static final List<String> RESERVED_ENV = List.of("PORT", "DINP_APP", "DINP_INSTANCE");

    private AppValidation() {
    }

    public static List<FieldError> name(String name) {
        if (name == null || name.isEmpty()) {
            return List.of(new FieldError("name", "is required"));
        }
        if (!NAME.matcher(name).matches()) {
            return List.of(new FieldError("name",
                    "must match ^[a-z][a-z0-9-]{0,62}$ (lower-case letters, digits and '-', starting with a letter; it becomes a DNS label)"));
        }
        if (name.endsWith("-")) {
            return List.of(new FieldError("name", "must not end with '-' (it becomes a DNS label)"));
        }
        return List.of();
    }

    public static List<FieldError> image(String image) {
        if (image == null || image.isBlank()) {
            return List.of(new FieldError("image", "is required"));
        }
        if (image.length() > 512 || !IMAGE.matcher(image).matches()) {
            return List.of(new FieldError("image", "is not a valid image reference (e.g. registry:5000/team/app:1.2)"));
        }
        return List.of();
    }

    public static List<FieldError> instances(Integer n) {
        if (n == null) {
            return List.of(new FieldError("instances", "is required"));
        }
        if (n < 0 || n > MAX_INSTANCES) {
            return List.of(new FieldError("instances", "must be between 0 and " + MAX_INSTANCES + ", was " + n));
        }
        return List.of();
    }

    public static List<FieldError> memory(Integer mb) {
        if (mb == null) {
            return List.of(new FieldError("memory", "is required"));
        }
        if (mb < MIN_MEMORY || mb > MAX_MEMORY) {
            return List.of(new FieldError("memory", "must be between " + MIN_MEMORY + " and " + MAX_MEMORY + " MB, was " + mb));
        }
        return List.of();
    }

    public static List<FieldError> env(Map<String, String> env) {
        if (env == null) {
            return List.of();
        }
        List<FieldError> errors = new ArrayList<>();
        if (env.size() > MAX_ENV) {
            errors.add(new FieldError("env", "has more than " + MAX_ENV + " variables"));
        }
        for (var e : env.entrySet()) {
            String k = e.getKey();
            if (k == null || !ENV_KEY.matcher(k).matches()) {
                errors.add(new FieldError("env." + k, "is not a POSIX variable name ([A-Za-z_][A-Za-z0-9_]*)"));
            } else if (RESERVED_ENV.contains(k)) {
                errors.add(new FieldError("env." + k, "is set by the platform and cannot be overridden"));
            }
            String v = e.getValue();
            if (v == null) {
                errors.add(new FieldError("env." + k, "must be a string"));
            } else if (v.length() > MAX_ENV_VALUE || v.indexOf('\0') >= 0) {
                errors.add(new FieldError("env." + k, "must be at most " + MAX_ENV_VALUE + " characters with no NUL"));
            }
        }
        return errors;
    }

    /**
     * The sealed secrets of a spec beside its plain {@code env}: POSIX names the platform does not
     * set, none also plain, at most {@link #MAX_ENV} variables in all, and every value sealed. The
     * plaintexts were checked with {@link #env} before they were sealed.
     */
    public static List<FieldError> secretEnv(Map<String, String> secretEnv, Map<String, String> env) {
        if (secretEnv == null || secretEnv.isEmpty()) {
            return List.of();
        }
        List<FieldError> errors = new ArrayList<>();
        int plain = env == null ? 0 : env.size();
        if (secretEnv.size() + plain > MAX_ENV) {
            errors.add(new FieldError("env", "has more than " + MAX_ENV + " variables (secret ones included)"));
        }
        for (var e : secretEnv.entrySet()) {
            String k = e.getKey();
            if (k == null || !ENV_KEY.matcher(k).matches()) {
                errors.add(new FieldError("secretEnv." + k, "is not a POSIX variable name ([A-Za-z_][A-Za-z0-9_]*)"));
            } else if (RESERVED_ENV.contains(k)) {
                errors.add(new FieldError("secretEnv." + k, "is set by the platform and cannot be overridden"));
            } else if (env != null && env.containsKey(k)) {
                errors.add(new FieldError("secretEnv." + k, "is also a plain variable: a name is either secret or plain"));
            }
            // never echo the value: if it is not sealed, it may be a plaintext that went astray
            if (!SealedValue.looksSealed(e.getValue())) {
                errors.add(new FieldError("secretEnv." + k, "is not a sealed value (a plaintext must be sealed before it is stored)"));
            }
        }
        return errors;
    }

    public static List<FieldError> version(String version) {
        if (version == null || !VERSION.matcher(version).matches()) {
            return List.of(new FieldError("version", "is required: letters, digits, '.', '_', '-', at most 128, "
                    + "starting with a letter or digit (it becomes an image tag)"));
        }
        return List.of();
    }

    public static List<FieldError> healthPath(String path) {
        if (path == null) {
            return List.of();
        }
        if (!path.startsWith("/") || path.length() > 1024 || path.chars().anyMatch(c -> c <= ' ' || c == 127)) {
            return List.of(new FieldError("healthPath", "must be an absolute path starting with '/' and without spaces"));
        }
        return List.of();
    }

    /**
     * A custom domain: a DNS name of at least two labels (letters, digits, '-', not at a label's
     * ends), at most 253 characters, lower case; or a wildcard {@code *.} followed by such a name.
     * Not the apps domain nor under it: those names belong to apps by name.
     */
    public static List<FieldError> domain(String domain, String appsDomain) {
        String rule = "must be a lower-case DNS name of at least two labels (e.g. www.example.com), or *. and one"
                + " (e.g. *.example.com)";
        if (domain == null || domain.isEmpty() || domain.length() > 253) {
            return List.of(new FieldError("domain", rule));
        }
        String name = domain.startsWith("*.") ? domain.substring(2) : domain;
        String[] labels = name.split("\\.", -1);
        if (labels.length < 2) {
            return List.of(new FieldError("domain", rule));
        }
        for (String l : labels) {
            if (!DOMAIN_LABEL.matcher(l).matches()) {
                return List.of(new FieldError("domain", rule));
            }
        }
        if (appsDomain != null && (name.equals(appsDomain) || name.endsWith("." + appsDomain))) {
            return List.of(new FieldError("domain", "must not be under the apps domain " + appsDomain
                    + ": <app>." + appsDomain + " already names each app"));
        }
        return List.of();
    }

    private static final Pattern DOMAIN_LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    /** Every rule for a complete spec; the image may be empty (an app waiting for its first release). */
    public static List<FieldError> spec(String name, String image, Integer instances, Integer memory,
                                        Map<String, String> env, String healthPath) {
        return spec(name, image, instances, memory, env, Map.of(), healthPath);
    }

    /** Every rule for a complete spec with sealed secrets. */
    public static List<FieldError> spec(String name, String image, Integer instances, Integer memory,
                                        Map<String, String> env, Map<String, String> secretEnv, String healthPath) {
        List<FieldError> errors = new ArrayList<>();
        errors.addAll(name(name));
        if (image != null && !image.isEmpty()) {
            errors.addAll(image(image));
        }
        errors.addAll(instances(instances));
        errors.addAll(memory(memory));
        errors.addAll(env(env));
        errors.addAll(secretEnv(secretEnv, env));
        errors.addAll(healthPath(healthPath));
        return errors;
    }
}
