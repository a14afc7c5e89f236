package io.dinp.dash;

import io.dinp.common.http.ApiException;
import io.dinp.common.http.Exchange;
import io.dinp.model.AppSpec;
import io.dinp.model.AppValidation;
import io.dinp.model.access.Access;
import io.dinp.store.AppStore;
import io.dinp.store.OwnedApp;

/**
 * The one place where a request reaches an app: every route naming an app (dash's, the
 * builder's) finds it here. An app of another team gets exactly the answer of an app that does
 * not exist, so an outsider cannot tell them apart.
 */
public final class AppGuard {
    private final AppStore apps;

    public AppGuard(AppStore apps) {
        this.apps = apps;
    }

    /** The app named {@code name} with its team, if the caller may use it; else 404. */
    public OwnedApp owned(Exchange ex, String name) {
        if (name == null || !AppValidation.name(name).isEmpty()) {
            throw notFound(name);
        }
        return apps.getOwned(name)
                .filter(o -> Access.canUseApp(ex.caller(), o.team()))
                .orElseThrow(() -> notFound(name));
    }

    /** The app named by the path parameter {@code name} (or {@code app}), if the caller may use it; else 404. */
    public AppSpec app(Exchange ex) {
        String name = ex.param("name");
        return owned(ex, name != null ? name : ex.param("app")).spec();
    }

    /** The app named {@code name}, if the caller may use it; else 404. */
    public AppSpec app(Exchange ex, String name) {
        return owned(ex, name).spec();
    }

    /** The answer for an app that does not exist or is not the caller's: the same, word for word. */
    public static ApiException notFound(String name) {
        return new ApiException(404, "no app named " + name);
    }
}
