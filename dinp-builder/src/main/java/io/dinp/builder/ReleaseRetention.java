package io.dinp.builder;

import io.dinp.model.Release;
import java.util.ArrayList;
import java.util.List;

/**
 * Which releases lose their image: all but the newest {@code keep} of an app, never the one
 * running and never one already pruned. Pure.
 */
final class ReleaseRetention {
    private ReleaseRetention() {
    }

    static List<Release> toPrune(List<Release> newestFirst, String runningImage, int keep) {
        List<Release> out = new ArrayList<>();
        for (int i = keep; i < newestFirst.size(); i++) {
            Release r = newestFirst.get(i);
            if (!r.pruned() && !r.image().equals(runningImage)) {
                out.add(r);
            }
        }
        return out;
    }
}
