package io.dinp.dash.metrics;

import io.dinp.common.http.Exchange;
import io.dinp.common.http.HttpApi;
import io.dinp.model.AppSpec;
import java.util.function.Function;

/**
 * The charts' data: {@code GET /api/v1/apps/{name}/metrics} (traffic and instance counts of an
 * app the caller may see) and {@code GET /api/v1/nodes/metrics} (memory and instances per node).
 */
public final class MetricsApi {
    private final ClusterHistory history;
    private final Function<Exchange, AppSpec> appOf;

    /** @param appOf the app of the path if the caller may see it, else it throws (404) */
    public MetricsApi(ClusterHistory history, Function<Exchange, AppSpec> appOf) {
        this.history = history;
        this.appOf = appOf;
    }

    public void register(HttpApi api) {
        api.route("GET", "/api/v1/apps/{name}/metrics", ex -> ex.json(200, history.app(appOf.apply(ex).name())));
        api.route("GET", "/api/v1/nodes/metrics", ex -> ex.json(200, history.nodes()));
    }
}
