package io.dinp.builder;

import io.dinp.store.BuildStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which of other builders' unfinished builds have stopped beating: a build whose beat has stood
 * still for {@code silentFor} on this builder's own clock (its builder stopped for good; one that
 * restarts fails its own builds at once). Only this clock is read, so no two hosts' clocks need
 * agree. Not thread-safe: one beat thread asks.
 */
final class SilentBuilds {
    private record Seen(long beat, long since) {
    }

    private final long silentNanos;
    private final Map<String, Seen> seen = new HashMap<>();

    SilentBuilds(Duration silentFor) {
        this.silentNanos = silentFor.toNanos();
    }

    /**
     * @param unfinished other builders' unfinished builds as read now
     * @param nowNanos   this builder's monotonic clock
     * @return those whose beat has not changed for the whole silence
     */
    List<BuildStore.Beat> silent(List<BuildStore.Beat> unfinished, long nowNanos) {
        List<BuildStore.Beat> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (BuildStore.Beat b : unfinished) {
            ids.add(b.id());
            Seen s = seen.get(b.id());
            if (s == null || s.beat != b.beat()) {
                seen.put(b.id(), new Seen(b.beat(), nowNanos));
            } else if (nowNanos - s.since >= silentNanos) {
                out.add(b);
            }
        }
        seen.keySet().retainAll(ids); // finished builds are forgotten
        return out;
    }
}
