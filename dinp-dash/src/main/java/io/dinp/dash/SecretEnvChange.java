package io.dinp.dash;

import io.dinp.model.FieldError;
import io.dinp.model.SealedValue;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns the env a client sent (plain and secret values together, secrets possibly as the mask
 * {@value SealedValue#MASK}) and the names it marked secret into what is stored: the plain
 * variables and the sealed secrets. A pure function of the request, the current app and a sealer.
 *
 * <p>The rules: a name stays secret while it exists unless the request lists the secret names
 * anew; a secret sent back as the mask keeps its stored value (so a client that read the app can
 * send the env back unchanged); a secret is never turned into a plain variable with its stored
 * value (that would show it), only with a new value; the mask for a name with no stored secret
 * is an error, not a value.
 */
final class SecretEnvChange {
    /** What is stored: plain variables and sealed secrets, no name in both. */
    record Result(Map<String, String> env, Map<String, String> secretEnv) {
    }

    private SecretEnvChange() {
    }

    /**
     * @param requested   the whole env as the client wants it (plaintext or the mask for each value)
     * @param secretNames the names the client marked secret, or null to keep the current marking
     * @param current     the sealed secrets stored now (empty for a new app)
     * @param errors      where problems go, each naming its field; the result is meaningless if any was added
     */
    static Result apply(String app, Map<String, String> requested, Collection<String> secretNames,
                        Map<String, String> current, EnvSealer sealer, List<FieldError> errors) {
        Set<String> secret = new TreeSet<>();
        if (secretNames == null) {
            current.keySet().stream().filter(requested::containsKey).forEach(secret::add);
        } else {
            for (String name : secretNames) {
                if (!requested.containsKey(name)) {
                    errors.add(new FieldError("secretEnv", name + " is not in env: give the secret's value in env too"
                            + (current.containsKey(name) ? " (\"" + SealedValue.MASK + "\" keeps the stored one)" : "")));
                }
                secret.add(name);
            }
        }
        Map<String, String> plain = new LinkedHashMap<>();
        Map<String, String> sealed = new LinkedHashMap<>();
        for (var e : requested.entrySet()) {
            String name = e.getKey();
            String value = e.getValue();
            boolean masked = SealedValue.MASK.equals(value);
            if (secret.contains(name)) {
                if (!masked) {
                    sealed.put(name, sealer.seal(app, name, value));
                } else if (current.containsKey(name)) {
                    sealed.put(name, current.get(name));
                } else {
                    errors.add(new FieldError("env." + name, "\"" + SealedValue.MASK + "\" keeps a stored secret, but "
                            + name + " has none: send its value"));
                }
            } else if (masked && current.containsKey(name)) {
                errors.add(new FieldError("env." + name, "a secret cannot become a plain variable with its stored value "
                        + "(that would show it): send a new value, or keep " + name + " in secretEnv"));
            } else {
                plain.put(name, value);
            }
        }
        return new Result(plain, sealed);
    }

    /** The env as the API shows it: plain values, and the mask for each secret. */
    static Map<String, String> masked(Map<String, String> env, Map<String, String> secretEnv) {
        Map<String, String> out = new java.util.TreeMap<>(env);
        secretEnv.keySet().forEach(k -> out.put(k, SealedValue.MASK));
        return out;
    }

    static List<String> names(Map<String, String> secretEnv) {
        return new ArrayList<>(new TreeSet<>(secretEnv.keySet()));
    }
}
