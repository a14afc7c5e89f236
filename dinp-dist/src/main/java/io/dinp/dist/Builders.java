package io.dinp.dist;

import com.github.dockerjava.api.DockerClient;
import io.dinp.builder.BuildApi;
import io.dinp.builder.BuildService;
import io.dinp.builder.BuilderSettings;
import io.dinp.common.http.HttpApi;
import io.dinp.dash.AppGuard;
import io.dinp.store.AppStore;
import io.dinp.store.BuildStore;
import io.dinp.store.Database;
import io.dinp.store.EventStore;
import io.dinp.store.ReleaseStore;
import java.nio.file.Path;
import java.util.function.Consumer;

/** Wires a build service and its API over a store, for {@code dinp builder} and {@code dinp up}. */
final class Builders {
    private Builders() {
    }

    static BuildService service(Database db, DockerClient docker, Path dataDir, RegistryOptions options,
                                StackOptions stacks) throws java.io.IOException {
        BuilderSettings d = BuilderSettings.defaults(dataDir.resolve("builds"), options.credentials().stream().findFirst());
        BuilderSettings settings = new BuilderSettings(d.workRoot(), d.timeLimit(), d.parallel(), d.limits(), d.registry(),
                stacks.bases, options.keepImages);
        AppStore apps = new AppStore(db);
        return new BuildService(settings, docker, new BuildStore(db), new ReleaseStore(db),
                app -> apps.get(app).map(io.dinp.model.AppSpec::image).orElse(""));
    }

    /** The builder's routes, reaching apps through dash's {@link AppGuard}: one authorization for both. */
    static Consumer<HttpApi> routes(BuildService service, Database db) {
        AppGuard guard = new AppGuard(new AppStore(db));
        BuildApi api = new BuildApi(service, (ex, name) -> guard.app(ex, name).name(), new BuildStore(db),
                new ReleaseStore(db), new EventStore(db));
        return api::register;
    }
}
