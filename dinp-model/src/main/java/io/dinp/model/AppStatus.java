package io.dinp.model;

/**
 * How an app is doing, for people: a short state word, a sentence saying why, and counts.
 *
 * @param state   running, starting, deploying, pending, failing, stopped
 * @param running instances of the current spec that serve traffic
 * @param total   instances that exist in any phase (including old ones during a rollout)
 */
public record AppStatus(String state, String reason, int desired, int running, int total) {
    public static AppStatus unknown(int desired) {
        return new AppStatus("pending", "waiting for the controller", desired, 0, 0);
    }

    /** The sentence shown to a user, e.g. {@code pending: insufficient memory (...)}. */
    public String summary() {
        return reason == null || reason.isEmpty() ? state : state + ": " + reason;
    }
}
