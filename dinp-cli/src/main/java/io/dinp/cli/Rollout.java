package io.dinp.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Set;

/**
 * Whether a change to an app (deploy, scale, env) is done, failed or under way, from what the API
 * says of the app, its instances and its releases. Pure.
 *
 * <p>The app's status comes from the controller's last pass and may still describe the spec
 * before the change; the instances' spec hashes do not lie: the change is done when every
 * wanted instance serves and none runs a spec from before it.
 */
final class Rollout {
    private Rollout() {
    }

    /**
     * What the change leads to.
     *
     * @param generation the app's generation the change wrote; a higher one means another change came after
     * @param oldHashes  spec hashes from before the change, none of which may remain; empty when the
     *                   spec did not change (a scale)
     * @param release    the release being deployed, whose failure ends the wait; null for none
     * @param failedBefore when that release had failed in an earlier rollout (null if never): only a new failure counts
     */
    record Expectation(long generation, Set<String> oldHashes, String release, String failedBefore) {
        Expectation(long generation, Set<String> oldHashes, String release) {
            this(generation, oldHashes, release, null);
        }
    }

    /** When the release last failed according to the list, or null. */
    static String failedAt(JsonNode releases, String version) {
        for (JsonNode r : releases) {
            if (r.path("version").asText().equals(version) && r.hasNonNull("failedAt")) {
                return r.get("failedAt").asText();
            }
        }
        return null;
    }

    /** The answer of one look. */
    sealed interface Verdict {
        record Done(String status) implements Verdict {
        }

        record Failed(String why) implements Verdict {
        }

        record Waiting(String progress) implements Verdict {
        }
    }

    /** The spec hashes of the instances now. */
    static Set<String> hashes(JsonNode instances) {
        Set<String> out = new HashSet<>();
        instances.forEach(i -> {
            if (i.hasNonNull("specHash")) {
                out.add(i.get("specHash").asText());
            }
        });
        return out;
    }

    static Verdict judge(JsonNode app, JsonNode instances, JsonNode releases, Expectation e) {
        String state = app.path("state").asText();
        String reason = app.path("reason").asText();
        String status = app.path("status").asText();
        if (releases != null && e.release() != null) {
            String failed = failedAt(releases, e.release());
            if (failed != null && !failed.equals(e.failedBefore())) {
                for (JsonNode r : releases) {
                    if (r.path("version").asText().equals(e.release())) {
                        return new Verdict.Failed("release " + e.release() + " failed and was rolled back: " + r.path("failure").asText());
                    }
                }
            }
        }
        if (state.equals("rolling-back")) {
            return new Verdict.Failed("the change fails and is being rolled back: " + reason);
        }
        if (app.path("generation").asLong() > e.generation()) {
            return new Verdict.Failed(reason.contains("rolled back")
                    ? "the change was rolled back: " + reason
                    : "the app was changed again meanwhile (now: " + status + "); see dinp events " + app.path("name").asText());
        }
        int desired = app.path("instances").asInt();
        int serving = 0;
        int old = 0;
        for (JsonNode i : instances) {
            boolean isOld = e.oldHashes().contains(i.path("specHash").asText());
            old += isOld ? 1 : 0;
            serving += !isOld && i.path("ready").asBoolean() ? 1 : 0;
        }
        boolean settled = state.equals("running") || (desired == 0 && state.equals("stopped"));
        if (settled && instances.size() == desired && serving == desired && old == 0) {
            return new Verdict.Done(status);
        }
        String counts = e.oldHashes().isEmpty() ? serving + "/" + desired + " serving"
                : serving + "/" + desired + " new serving" + (old > 0 ? ", " + old + " old left" : "");
        return new Verdict.Waiting(status + " (" + counts + ")");
    }
}
