package io.dinp.router;

import io.dinp.model.Backend;
import java.util.List;

/**
 * Which backend each attempt of one request goes to, and how many attempts it gets. A backend
 * that failed on a fresh connection is not tried again for this request; a stale pooled
 * connection says nothing about its backend, so that backend stays eligible (the retry connects
 * anew), which is what lets an app with a single instance survive the keep-alive race.
 */
final class AttemptPlan {
    private final List<Backend> candidates;
    private final boolean[] failed;
    private final int maxAttempts;
    private int current;
    private int attempts = 1;
    private int roundStart; // attempts made before this round
    private int rounds = 1;

    /**
     * @param candidates  distinct backends in the order to try them; the first is the first attempt
     * @param maxAttempts attempts allowed in all, the first included
     */
    AttemptPlan(List<Backend> candidates, int maxAttempts) {
        if (candidates.isEmpty() || maxAttempts < 1) {
            throw new IllegalArgumentException("a plan needs a candidate and at least one attempt");
        }
        this.candidates = List.copyOf(candidates);
        this.failed = new boolean[candidates.size()];
        this.maxAttempts = maxAttempts;
    }

    Backend current() {
        return candidates.get(current);
    }

    /** Attempts so far, over every round. */
    int attempts() {
        return attempts;
    }

    /** Rounds over the candidates so far, the first included. */
    int rounds() {
        return rounds;
    }

    /**
     * Another round over every candidate, as at the start, with its own {@code maxAttempts}: for
     * when none took a connection and the caller waited a moment. The backend of its first attempt.
     */
    Backend nextRound() {
        java.util.Arrays.fill(failed, false);
        roundStart = attempts;
        attempts++;
        rounds++;
        current = 0;
        return candidates.get(0);
    }

    /**
     * The backend for the attempt after the current one failed: the next candidate in order that
     * has not failed, possibly the current one again; null when none is left or attempts are used up.
     *
     * @param backendFailed the current backend itself failed (not just a pooled connection to it)
     */
    Backend next(boolean backendFailed) {
        if (backendFailed) {
            failed[current] = true;
        }
        if (attempts - roundStart >= maxAttempts) {
            return null;
        }
        int n = candidates.size();
        for (int i = 1; i <= n; i++) {
            int j = (current + i) % n;
            if (!failed[j]) {
                current = j;
                attempts++;
                return candidates.get(j);
            }
        }
        return null;
    }
}
