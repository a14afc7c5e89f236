package io.dinp.model;

import java.util.List;

/**
 * How an app is doing, for people: a short state word, a sentence saying why, and counts.
 *
 * @param state   running, starting, deploying, rolling-back, pending, crashing, failing, stopped
 * @param running instances of the current spec that serve traffic
 * @param total   instances that exist in any phase (including old ones during a rollout)
 * @param lastLog the last lines the most recent crashed instance wrote, while the app is crashing
 */
public record AppStatus(String state, String reason, int desired, int running, int total, List<String> lastLog) {
    public AppStatus {
        lastLog = lastLog == null ? List.of() : List.copyOf(lastLog);
    }

    public AppStatus(String state, String reason, int desired, int running, int total) {
        this(state, reason, desired, running, total, List.of());
    }

    public AppStatus withLastLog(List<String> lines) {
        return new AppStatus(state, reason, desired, running, total, lines);
    }

    public static AppStatus unknown(int desired) {
        return new AppStatus("pending", "waiting for the controller", desired, 0, 0);
    }

    /** The sentence shown to a user, e.g. {@code pending: insufficient memory (...)}. */
    public String summary() {
        return reason == null || reason.isEmpty() ? state : state + ": " + reason;
    }
}
