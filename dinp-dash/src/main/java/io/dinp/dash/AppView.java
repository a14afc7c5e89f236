package io.dinp.dash;

import io.dinp.model.AppSpec;
import io.dinp.model.AppStatus;
import io.dinp.model.HealthCheck;
import io.dinp.model.RouteOptions;
import java.util.List;
import java.util.Map;

/**
 * An app as the API answers it: the desired state, how it is doing, and where to reach it
 * ({@code routing}: how the routers treat its requests). Secret variables are in {@code env} with
 * the mask as their value and named in {@code secretEnv}: no value of theirs, sealed or not,
 * leaves dash.
 */
record AppView(String name, String team, String image, int instances, int memory, Map<String, String> env,
               List<String> secretEnv, String healthPath,
               HealthCheck health, long generation, String status, String state, String reason, Counts counts,
               List<String> lastLog, String url, List<String> domains, RouteOptions routing) {

    /** Instance counts: wanted, serving the current spec, existing in any phase. */
    record Counts(int desired, int running, int total) {
    }

    static AppView of(AppSpec a, String team, AppStatus s, String url, List<String> domains, RouteOptions routing) {
        AppStatus st = s == null ? AppStatus.unknown(a.instances()) : s;
        return new AppView(a.name(), team, a.image(), a.instances(), a.memoryMb(),
                SecretEnvChange.masked(a.env(), a.secretEnv()), SecretEnvChange.names(a.secretEnv()), a.healthPath(),
                HealthCheck.of(a.health()), a.generation(), st.summary(), st.state(), st.reason(),
                new Counts(a.instances(), st.running(), st.total()), st.lastLog(), url, domains, routing);
    }
}
