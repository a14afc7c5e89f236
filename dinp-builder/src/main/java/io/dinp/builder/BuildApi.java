package io.dinp.builder;

import io.dinp.builder.artifact.ArtifactRejectedException;
import io.dinp.common.http.ApiException;
import io.dinp.common.http.Exchange;
import io.dinp.common.http.HttpApi;
import io.dinp.model.AppValidation;
import io.dinp.model.Build;
import io.dinp.model.FieldError;
import io.dinp.store.BuildStore;
import io.dinp.store.EventStore;
import io.dinp.store.ReleaseStore;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The builder's REST endpoints: upload an artifact to build, read a build and its log (live while
 * it runs), list an app's builds. Apps are reached only through the given {@link AppAccess}, the
 * same check as dash's: a build of another team's app answers like one that does not exist.
 */
public final class BuildApi {
    private static final int MAX_START = 1024;

    /**
     * Finds an app for the request's caller: the app's name, or an {@link ApiException} 404 that
     * reads the same whether the app does not exist or is another team's.
     */
    @FunctionalInterface
    public interface AppAccess {
        String app(Exchange ex, String name);
    }

    private final BuildService service;
    private final AppAccess apps;
    private final BuildStore builds;
    private final ReleaseStore releases;
    private final EventStore events;

    public BuildApi(BuildService service, AppAccess apps, BuildStore builds, ReleaseStore releases, EventStore events) {
        this.service = service;
        this.apps = apps;
        this.builds = builds;
        this.releases = releases;
        this.events = events;
    }

    public void register(HttpApi api) {
        api.route("POST", "/api/v1/apps/{name}/builds", this::upload);
        api.route("GET", "/api/v1/apps/{name}/builds", ex -> ex.json(200, builds.list(app(ex), 100)));
        api.route("GET", "/api/v1/builds/{id}", ex -> ex.json(200, build(ex)));
        api.route("GET", "/api/v1/builds/{id}/log", this::log);
    }

    private void upload(Exchange ex) throws Exception {
        String app = app(ex);
        String version = ex.query("version");
        String stack = ex.query("stack");
        String start = ex.query("start");
        String name = ex.query("filename");
        List<FieldError> errors = new ArrayList<>();
        errors.addAll(AppValidation.version(version));
        if (stack == null || !service.stacks().has(stack)) {
            errors.add(new FieldError("stack", "must be one of " + String.join(", ", service.stacks().names())));
        }
        if (start != null && (start.length() > MAX_START || start.chars().anyMatch(c -> c < ' ' || c == 127))) {
            errors.add(new FieldError("start", "must be one line of at most " + MAX_START + " characters"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        if (releases.get(app, version).isPresent()) {
            throw new ApiException(409, "app " + app + " already has a release " + version);
        }
        Build b;
        try {
            // a bare archive's kind follows its name; without one, the stack says whether a zip is a war
            String declared = name != null ? name : "war".equals(stack) ? "artifact.war" : "artifact";
            b = service.submit(app, version, stack, start, ex.bodyStream(), declared, ex.principal());
        } catch (ArtifactRejectedException e) {
            throw ApiException.invalid(List.of(new FieldError("artifact", e.problem())));
        }
        events.record(app, null, "build.started", "build " + b.id() + " of " + version + " (stack " + stack + ")",
                ex.principal(), ex.remoteAddress());
        ex.header("Location", "/api/v1/builds/" + b.id());
        ex.json(202, b);
    }

    private void log(Exchange ex) throws Exception {
        Build b = build(ex);
        var live = service.liveLog(b.id());
        if (live.isEmpty()) {
            ex.text(200, "text/plain; charset=utf-8", builds.log(b.id()).orElse(""));
            return;
        }
        // stream lines as the build writes them, until it ends; the header tells dash's BuilderProxy
        // that this builder runs the build
        ex.header(io.dinp.common.http.JsonClient.BUILD_LIVE, "true");
        try (OutputStream out = ex.stream(200, "text/plain; charset=utf-8")) {
            int next = 0;
            while (true) {
                List<String> lines = live.get().from(next, 1000);
                for (String l : lines) {
                    out.write(l.getBytes(StandardCharsets.UTF_8));
                }
                next += lines.size();
                out.flush();
                if (lines.isEmpty() && live.get().isClosed()) {
                    return;
                }
            }
        } catch (IOException e) {
            // the follower went away; the build goes on
        }
    }

    /** The build of the path if the caller may use its app; else the same 404 as for no such build. */
    private Build build(Exchange ex) {
        String id = ex.param("id");
        Build b = builds.get(id).orElseThrow(() -> new ApiException(404, "no build " + id));
        try {
            apps.app(ex, b.app());
        } catch (ApiException e) {
            if (e.status() == 404) {
                throw new ApiException(404, "no build " + id);
            }
            throw e;
        }
        return b;
    }

    private String app(Exchange ex) {
        return apps.app(ex, ex.param("name"));
    }
}
