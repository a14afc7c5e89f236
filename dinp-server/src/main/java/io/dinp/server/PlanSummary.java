package io.dinp.server;

import io.dinp.core.Plan;
import io.dinp.model.InstanceSpec;
import java.util.Map;
import java.util.TreeMap;

/** The one-line audit entry of a plan that changes assignments, naming the term that made it. */
final class PlanSummary {
    private static final int MAX_APPS = 20;

    private PlanSummary() {
    }

    static String of(Plan plan, long term) {
        Map<String, Integer> placed = new TreeMap<>();
        for (InstanceSpec p : plan.place()) {
            placed.merge(p.app(), 1, Integer::sum);
        }
        StringBuilder b = new StringBuilder("term ").append(term).append(": place ").append(plan.place().size());
        if (!placed.isEmpty()) {
            b.append(" (");
            int n = 0;
            for (var e : placed.entrySet()) {
                if (n++ == MAX_APPS) {
                    b.append(", …");
                    break;
                }
                b.append(n > 1 ? ", " : "").append(e.getKey()).append(" ×").append(e.getValue());
            }
            b.append(')');
        }
        return b.append(", drain ").append(plan.drain().size()).append(", stop ").append(plan.stop().size()).toString();
    }
}
