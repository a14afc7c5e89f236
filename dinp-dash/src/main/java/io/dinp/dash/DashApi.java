package io.dinp.dash;

import io.dinp.common.http.ApiException;
import io.dinp.common.http.Exchange;
import io.dinp.common.http.HttpApi;
import io.dinp.model.AppSpec;
import io.dinp.model.AppValidation;
import io.dinp.model.ClusterView;
import io.dinp.store.AppExistsException;
import io.dinp.store.AppStore;
import io.dinp.store.EventStore;
import io.dinp.store.CertificateStore;
import io.dinp.store.Database;
import io.dinp.store.DomainStore;
import io.dinp.store.NoSuchAppException;
import io.dinp.store.ReleaseStore;
import io.dinp.store.TokenStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The public REST API under {@code /api/v1}: apps, their instances, nodes. Writes the desired
 * state to SQL and tells the controller; never talks to Docker. Every call needs a bearer token.
 */
public final class DashApi {
    private static final Logger log = LoggerFactory.getLogger(DashApi.class);

    private final AppStore apps;
    private final TokenStore tokens;
    private final EventStore events;
    private final ReleaseStore releases;
    private final DomainStore domains;
    private final CertificateStore certificates;
    private final ClusterView cluster;
    private final DashConfig config;
    private final LogNodes logNodes;

    public DashApi(Database db, AppStore apps, TokenStore tokens, EventStore events, ClusterView cluster, DashConfig config) {
        this(db, apps, tokens, events, cluster, config, LogNodes.none());
    }

    /** @param logNodes where the instances' logs are read */
    public DashApi(Database db, AppStore apps, TokenStore tokens, EventStore events, ClusterView cluster, DashConfig config,
                   LogNodes logNodes) {
        this.logNodes = logNodes;
        this.apps = apps;
        this.events = events;
        this.releases = new ReleaseStore(db);
        this.domains = new DomainStore(db);
        this.certificates = new CertificateStore(db);
        this.cluster = cluster;
        this.config = config;
        this.tokens = tokens;
    }

    /** Bearer tokens checked against the token store: the authentication of every public API. */
    public static HttpApi.Authenticator tokenAuth(TokenStore tokens) {
        return ex -> {
            String token = HttpApi.bearer(ex);
            if (token == null) {
                throw new ApiException(401, "missing token: send Authorization: Bearer <token>");
            }
            return tokens.authenticate(token).orElseThrow(() -> new ApiException(401, "invalid or revoked token"));
        };
    }

    public HttpApi create() {
        HttpApi api = new HttpApi(tokenAuth(tokens));
        api.open("GET", "/healthz", ex -> ex.json(200, Map.of("status", "ok")));
        api.route("GET", "/api/v1/apps", ex -> {
            List<AppView> out = new ArrayList<>();
            for (AppSpec a : apps.list()) {
                out.add(view(a));
            }
            ex.json(200, out);
        });
        api.route("POST", "/api/v1/apps", this::createApp);
        api.route("GET", "/api/v1/apps/{name}", ex -> ex.json(200, view(app(ex))));
        api.route("PATCH", "/api/v1/apps/{name}", this::patchApp);
        api.route("DELETE", "/api/v1/apps/{name}", this::deleteApp);
        api.route("GET", "/api/v1/apps/{name}/instances", ex -> ex.json(200, cluster.instances(app(ex).name())));
        api.route("GET", "/api/v1/apps/{name}/events", ex -> ex.json(200, events.recent(app(ex).name(), 100)));
        api.route("GET", "/api/v1/nodes", ex -> ex.json(200, cluster.nodes()));
        new ReleaseApi(apps, releases, events, this::app, this::notifyController).register(api);
        new DomainApi(domains, certificates, events, config.appsDomain(), this::app, this::notifyController).register(api);
        new LogApi(this::app, logNodes, java.time.Clock.systemUTC()).register(api);
        return api;
    }

    private void createApp(Exchange ex) throws Exception {
        AppSpec spec = AppRequest.create(ex.jsonBody());
        AppSpec created;
        try {
            created = apps.create(spec);
        } catch (AppExistsException e) {
            throw new ApiException(409, "app " + spec.name() + " already exists");
        }
        events.record(created.name(), "app.created", describe(created), actor(ex));
        notifyController(created.name());
        ex.json(201, view(created));
    }

    private void patchApp(Exchange ex) throws Exception {
        AppSpec current = app(ex);
        var body = ex.jsonBody();
        AppSpec updated;
        try {
            updated = apps.update(current.name(), c -> AppRequest.patch(c, body));
        } catch (NoSuchAppException e) {
            throw notFound(current.name());
        }
        events.record(updated.name(), "app.updated", describe(updated), actor(ex));
        notifyController(updated.name());
        ex.json(200, view(updated));
    }

    private void deleteApp(Exchange ex) throws Exception {
        AppSpec current = app(ex);
        if (!apps.delete(current.name())) {
            throw notFound(current.name());
        }
        releases.deleteAll(current.name());
        domains.deleteAll(current.name());
        certificates.deleteAll(current.name());
        events.record(current.name(), "app.deleted", "deleted", actor(ex));
        notifyController(current.name());
        ex.noContent();
    }

    private static String describe(AppSpec a) {
        // env values may be secrets: only their names go to the event log
        return "image=" + a.image() + " instances=" + a.instances() + " memory=" + a.memoryMb() + "MB env=" + a.env().keySet();
    }

    static String actor(Exchange ex) {
        return ex.principal() + "@" + ex.remoteAddress();
    }

    private void notifyController(String app) {
        try {
            cluster.desiredChanged(app);
        } catch (Exception e) {
            // The change is in SQL already; the controller's periodic resync will pick it up.
            log.warn("could not notify the controller about {} ({}); it will see the change at its next resync", app, e.toString());
        }
    }

    private AppSpec app(Exchange ex) {
        String name = ex.param("name");
        if (!AppValidation.name(name).isEmpty()) {
            throw notFound(name);
        }
        return apps.get(name).orElseThrow(() -> notFound(name));
    }

    private static ApiException notFound(String name) {
        return new ApiException(404, "no app named " + name);
    }

    private AppView view(AppSpec a) throws Exception {
        String url = "http://" + a.name() + "." + config.appsDomain() + (config.routerPort() == 80 ? "" : ":" + config.routerPort());
        List<String> bound = domains.of(a.name());
        try {
            return AppView.of(a, cluster.status(a.name()).orElse(null), url, bound);
        } catch (Exception e) {
            log.warn("controller unreachable for status of {}: {}", a.name(), e.toString());
            return AppView.of(a, new io.dinp.model.AppStatus("unknown", "controller unreachable", a.instances(), 0, 0),
                    url, bound);
        }
    }
}
