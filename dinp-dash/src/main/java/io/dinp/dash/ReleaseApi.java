package io.dinp.dash;

import com.fasterxml.jackson.databind.JsonNode;
import io.dinp.common.http.ApiException;
import io.dinp.common.http.Exchange;
import io.dinp.common.http.HttpApi;
import io.dinp.model.AppSpec;
import io.dinp.model.AppValidation;
import io.dinp.model.FieldError;
import io.dinp.model.Release;
import io.dinp.store.AppStore;
import io.dinp.store.ReleaseStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Releases of an app: list, register an image as a release, deploy one (a rolling replacement),
 * roll back to the one before the current.
 */
final class ReleaseApi {
    private final AppStore apps;
    private final ReleaseStore releases;
    private final Audit audit;
    private final Function<Exchange, AppSpec> appOf;
    private final Consumer<String> desiredChanged;

    ReleaseApi(AppStore apps, ReleaseStore releases, Audit audit, Function<Exchange, AppSpec> appOf,
               Consumer<String> desiredChanged) {
        this.apps = apps;
        this.appOf = appOf;
        this.releases = releases;
        this.audit = audit;
        this.desiredChanged = desiredChanged;
    }

    void register(HttpApi api) {
        api.route("GET", "/api/v1/apps/{name}/releases", ex -> ex.json(200, releasesOf(app(ex))));
        api.route("POST", "/api/v1/apps/{name}/releases", this::create);
        api.route("POST", "/api/v1/apps/{name}/releases/{version}/deploy", ex -> {
            AppSpec app = app(ex);
            Release r = releases.get(app.name(), ex.param("version"))
                    .orElseThrow(() -> new ApiException(404, "app " + app.name() + " has no release " + ex.param("version")));
            if (r.pruned()) {
                throw new ApiException(409, "release " + r.version() + " of " + app.name()
                        + " can no longer be deployed: retention deleted its image");
            }
            ex.json(200, deploy(ex, app, r, "release.deployed"));
        });
        api.route("POST", "/api/v1/apps/{name}/rollback", ex -> {
            AppSpec app = app(ex);
            List<Release> history = releases.list(app.name());
            Release target = previous(history, app.image())
                    .orElseThrow(() -> new ApiException(409, "app " + app.name() + " has no release before the current one"));
            ex.json(200, deploy(ex, app, target, "release.rolledback"));
        });
    }

    /**
     * The deployable release before the current one (the one whose image runs), or before the
     * newest when none matches; releases whose image retention deleted are skipped.
     */
    static Optional<Release> previous(List<Release> newestFirst, String currentImage) {
        int current = 0;
        for (int i = 0; i < newestFirst.size(); i++) {
            if (newestFirst.get(i).image().equals(currentImage)) {
                current = i;
                break;
            }
        }
        return newestFirst.subList(Math.min(current + 1, newestFirst.size()), newestFirst.size()).stream()
                .filter(r -> !r.pruned()).findFirst();
    }

    private void create(Exchange ex) throws Exception {
        AppSpec app = app(ex);
        JsonNode body = ex.jsonBody();
        List<FieldError> errors = new ArrayList<>();
        String version = text(body, "version");
        String image = text(body, "image");
        String note = text(body, "note");
        errors.addAll(AppValidation.version(version));
        errors.addAll(AppValidation.image(image));
        if (note != null && note.length() > 1024) {
            errors.add(new FieldError("note", "must be at most 1024 characters"));
        }
        body.fieldNames().forEachRemaining(f -> {
            if (!List.of("version", "image", "note").contains(f)) {
                errors.add(new FieldError(f, "is not a known field (allowed: image, note, version)"));
            }
        });
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        try {
            Release r = releases.create(app.name(), version, image, null, note, ex.principal());
            audit.app(ex, app.name(), "release.created", "release " + version + " = " + image);
            ex.json(201, r);
        } catch (ReleaseStore.ReleaseExistsException e) {
            throw new ApiException(409, e.getMessage());
        }
    }

    private Map<String, Object> deploy(Exchange ex, AppSpec app, Release r, String kind) {
        // only the image changes: env, secrets and the health check stay as they are
        AppSpec updated = apps.update(app.name(), a -> a.withImage(r.image()));
        audit.app(ex, app.name(), kind, "release " + r.version() + " (" + r.image() + ")");
        desiredChanged.accept(app.name());
        return Map.of("app", updated.name(), "release", r.version(), "image", updated.image(), "generation", updated.generation());
    }

    private List<Map<String, Object>> releasesOf(AppSpec app) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Release r : releases.list(app.name())) {
            Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("version", r.version());
            m.put("seq", r.seq());
            m.put("image", r.image());
            m.put("current", r.image().equals(app.image()));
            m.put("pruned", r.pruned());
            if (r.buildId() != null) {
                m.put("build", r.buildId());
            }
            if (r.note() != null) {
                m.put("note", r.note());
            }
            m.put("createdBy", r.createdBy());
            m.put("createdAt", r.createdAt());
            if (r.failedAt() != null) {
                m.put("failedAt", r.failedAt());
                m.put("failure", r.failure());
            }
            out.add(m);
        }
        return out;
    }

    private AppSpec app(Exchange ex) {
        return appOf.apply(ex);
    }

    private static String text(JsonNode body, String field) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual()) {
            throw ApiException.invalid(List.of(new FieldError(field, "must be a string")));
        }
        return n.textValue();
    }
}
