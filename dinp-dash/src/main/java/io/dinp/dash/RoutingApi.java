package io.dinp.dash;

import io.dinp.common.http.ApiException;
import io.dinp.common.http.Exchange;
import io.dinp.common.http.HttpApi;
import io.dinp.model.AppSpec;
import io.dinp.model.RouteOptions;
import io.dinp.store.RoutingStore;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * An app's route options: sticky sessions, its request body limit, HTTP → HTTPS redirect. They
 * restart nothing: the controller puts them in the route table and routers apply them from the
 * next request on.
 */
final class RoutingApi {
    private final RoutingStore routing;
    private final Audit audit;
    private final Function<Exchange, AppSpec> appOf;
    private final Function<String, Boolean> exists;
    private final Consumer<String> desiredChanged;

    /**
     * @param appOf  the app a request names, authorised (DashApi's lookup)
     * @param exists whether an app of that name still exists, checked after a write that raced its deletion
     */
    RoutingApi(RoutingStore routing, Audit audit, Function<Exchange, AppSpec> appOf,
               Function<String, Boolean> exists, Consumer<String> desiredChanged) {
        this.routing = routing;
        this.audit = audit;
        this.appOf = appOf;
        this.exists = exists;
        this.desiredChanged = desiredChanged;
    }

    void register(HttpApi api) {
        api.route("GET", "/api/v1/apps/{name}/routing", ex -> ex.json(200, routing.of(appOf.apply(ex).name())));
        api.route("PUT", "/api/v1/apps/{name}/routing", this::put);
    }

    private void put(Exchange ex) throws Exception {
        AppSpec app = appOf.apply(ex);
        RouteOptions next = RoutingRequest.parse(ex.jsonBody());
        RouteOptions before = routing.of(app.name());
        if (!next.equals(before)) {
            routing.put(app.name(), next, ex.principal());
            if (!exists.apply(app.name())) {
                // Deleted meanwhile: a later app of the same name must not inherit these.
                routing.delete(app.name());
                throw new ApiException(404, "no app named " + app.name());
            }
            audit.app(ex, app.name(), "routing.changed", describe(next));
            desiredChanged.accept(app.name());
        }
        ex.json(200, next);
    }

    static String describe(RouteOptions o) {
        return "stickySessions=" + o.stickySessions() + " maxBodyBytes=" + o.maxBodyBytes()
                + " httpsRedirect=" + o.httpsRedirect();
    }
}
