package io.dinp.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Replaces an app's env with a changed copy and waits for the rollout. The API takes the whole
 * env, so a change made by someone else between the read and the write is lost: the event log
 * shows both. Secrets come back from the API masked and go back masked, which keeps them.
 */
final class EnvChange {
    static final Pattern NAME = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]*$");

    private EnvChange() {
    }

    static String checkName(String k) {
        if (!NAME.matcher(k).matches()) {
            throw CliException.usage("not an environment variable name: '" + k + "' (letters, digits and _, not starting with a digit)");
        }
        return k;
    }

    /** Applies the change; prints what it did. */
    static int apply(ClientCommand c, String app, WaitOptions wait, java.util.function.Consumer<Map<String, String>> change)
            throws InterruptedException {
        return apply(c, app, wait, change, Set.of());
    }

    /**
     * Applies the change and marks {@code markSecret} secret (a name stays secret while it exists
     * anyway); prints what it did, names only.
     */
    static int apply(ClientCommand c, String app, WaitOptions wait, java.util.function.Consumer<Map<String, String>> change,
                     Set<String> markSecret) throws InterruptedException {
        String path = ClientCommand.appPath(app);
        JsonNode before = c.api().get(path);
        Map<String, String> env = EnvCommand.env(before.path("env"));
        Set<String> secretBefore = EnvCommand.secretNames(before);
        Map<String, String> wanted = new java.util.TreeMap<>(env);
        change.accept(wanted);
        Set<String> secretAfter = new java.util.TreeSet<>(secretBefore);
        secretAfter.addAll(markSecret);
        secretAfter.retainAll(wanted.keySet());
        java.util.List<String> changed = changed(env, wanted, secretBefore, secretAfter);
        if (changed.isEmpty()) {
            c.out().println("Nothing to change: " + app + "'s environment is already so.");
            return ExitCodes.OK;
        }
        Set<String> oldHashes = Rollout.hashes(c.api().get(path + "/instances"));
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("env", wanted);
        if (!markSecret.isEmpty()) {
            body.put("secretEnv", secretAfter);
        }
        JsonNode after = c.api().call("PATCH", path, body);
        c.err().println("Rolling " + app + " over to its new environment:");
        wait.await(c, app, new Rollout.Expectation(after.path("generation").asLong(), oldHashes, null));
        c.out().println(app + "'s environment changed: " + String.join(", ", changed));
        return ExitCodes.OK;
    }

    /** The names that were set, changed or removed (never the values: they may be secrets). */
    static java.util.List<String> changed(Map<String, String> before, Map<String, String> after) {
        return changed(before, after, Set.of(), Set.of());
    }

    /**
     * The names that were set, changed, removed or became secret, e.g. {@code +A}, {@code ~B (secret)},
     * {@code -C}; never a value. A secret's new value always counts as a change: the old one is not known here.
     */
    static java.util.List<String> changed(Map<String, String> before, Map<String, String> after,
                                           Set<String> secretBefore, Set<String> secretAfter) {
        java.util.TreeSet<String> names = new java.util.TreeSet<>(before.keySet());
        names.addAll(after.keySet());
        return names.stream()
                .filter(k -> !java.util.Objects.equals(before.get(k), after.get(k))
                        || secretBefore.contains(k) != secretAfter.contains(k))
                .map(k -> (after.containsKey(k) ? (before.containsKey(k) ? "~" : "+") + k : "-" + k)
                        + (secretAfter.contains(k) ? " (secret)" : ""))
                .toList();
    }
}
