package io.dinp.dash;

import io.dinp.common.http.ApiException;
import io.dinp.common.http.Exchange;
import io.dinp.common.http.HttpApi;
import io.dinp.common.secret.SecretBox;
import io.dinp.dash.auth.CallerResolver;
import io.dinp.dash.metrics.ClusterHistory;
import io.dinp.dash.metrics.MetricsApi;
import io.dinp.dash.web.WebUi;
import io.dinp.model.AppSpec;
import io.dinp.model.ClusterView;
import io.dinp.model.access.Access;
import io.dinp.store.AppExistsException;
import io.dinp.store.AppStore;
import io.dinp.store.AuditFilter;
import io.dinp.store.EventStore;
import io.dinp.store.CertificateStore;
import io.dinp.store.Database;
import io.dinp.store.DomainStore;
import io.dinp.store.NoSuchAppException;
import io.dinp.store.OwnedApp;
import io.dinp.store.ReleaseStore;
import io.dinp.store.TeamStore;
import io.dinp.store.RoutingStore;
import io.dinp.store.TokenStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The public REST API under {@code /api/v1}: apps, their instances, nodes, and (through the
 * account APIs) users, teams, tokens, sessions and the audit log. Writes the desired state to SQL
 * and tells the controller; never talks to Docker. Every call has a caller (token, Basic or
 * session) and reaches apps only through {@link AppGuard}: the caller's teams' apps.
 */
public final class DashApi {
    private static final Logger log = LoggerFactory.getLogger(DashApi.class);

    private final AppStore apps;
    private final TokenStore tokens;
    private final EventStore events;
    private final ReleaseStore releases;
    private final DomainStore domains;
    private final CertificateStore certificates;
    private final RoutingStore routing;
    private final ClusterView cluster;
    private final DashConfig config;
    private final Database db;
    private final CallerResolver auth;
    private final AppGuard guard;
    private final Audit audit;
    private final TeamStore teams;
    private ClusterHistory history;
    private final LogNodes logNodes;
    private final EnvSealer sealer;

    /**
     * @param logNodes where the instances' logs are read
     * @param secrets  seals the values of secret variables; dash never opens them
     */
    public DashApi(Database db, AppStore apps, TokenStore tokens, EventStore events, ClusterView cluster, DashConfig config,
                   LogNodes logNodes, SecretBox secrets) {
        this.logNodes = logNodes;
        this.sealer = (app, name, plaintext) -> secrets.seal(plaintext, SecretBox.envContext(app, name));
        this.apps = apps;
        this.events = events;
        this.releases = new ReleaseStore(db);
        this.domains = new DomainStore(db);
        this.certificates = new CertificateStore(db);
        this.routing = new RoutingStore(db);
        this.cluster = cluster;
        this.config = config;
        this.tokens = tokens;
        this.db = db;
        this.auth = CallerResolver.over(db, config.clock());
        this.guard = new AppGuard(apps);
        this.audit = new Audit(events);
        this.teams = new TeamStore(db);
    }

    /** Serves this history of the cluster to the dashboard's charts. */
    public DashApi withHistory(ClusterHistory h) {
        this.history = h;
        return this;
    }

    public HttpApi create() {
        HttpApi api = new HttpApi(auth).measure(io.dinp.common.metrics.Meters.registry(), "dinp.dash.http.request")
                .trustForwardedFor(config.trustedProxies());
        api.open("GET", "/healthz", ex -> ex.json(200, Map.of("status", "ok")));
        api.route("GET", "/api/v1/apps", ex -> {
            List<AppView> out = new ArrayList<>();
            for (OwnedApp a : apps.listOwned()) {
                if (Access.canUseApp(ex.caller(), a.team())) {
                    out.add(view(a.spec(), a.team()));
                }
            }
            ex.json(200, out);
        });
        api.route("POST", "/api/v1/apps", this::createApp);
        api.route("GET", "/api/v1/apps/{name}", ex -> {
            OwnedApp a = guard.owned(ex, ex.param("name"));
            ex.json(200, view(a.spec(), a.team()));
        });
        api.route("PATCH", "/api/v1/apps/{name}", this::patchApp);
        api.route("DELETE", "/api/v1/apps/{name}", this::deleteApp);
        api.route("GET", "/api/v1/apps/{name}/instances", ex -> ex.json(200, cluster.instances(app(ex).name())));
        api.route("GET", "/api/v1/apps/{name}/events", ex -> {
            OwnedApp a = guard.owned(ex, ex.param("name"));
            ex.json(200, events.page(AuditFilter.ofApp(a.spec().name(), a.team()), null, 100));
        });
        // every signed-in user sees the nodes: capacity and counts, no app or instance of any team
        api.route("GET", "/api/v1/nodes", ex -> ex.json(200, cluster.nodes()));
        new NodeAdminApi(new io.dinp.store.JoinTokenStore(db), new io.dinp.store.IssuedCertificateStore(db),
                new io.dinp.store.ClusterCaStore(db), cluster, audit, java.time.Clock.systemUTC()).register(api);
        new ReleaseApi(apps, releases, audit, this::app, this::notifyController).register(api);
        new DomainApi(domains, certificates, audit, config.appsDomain(), this::app, this::notifyController).register(api);
        AccountsApi.register(api, db, auth, guard, tokens, events, config);
        new RoutingApi(routing, audit, this::app, name -> apps.get(name).isPresent(), this::notifyController)
                .register(api);
        if (history != null) {
            new MetricsApi(history, this::app).register(api);
        }
        new LogApi(this::app, logNodes, java.time.Clock.systemUTC()).register(api);
        new WebUi(auth).register(api);
        return api;
    }

    private void createApp(Exchange ex) throws Exception {
        var body = ex.jsonBody();
        String team = AppRequest.team(body, ex.caller(), teams::exists);
        AppSpec spec = AppRequest.create(body, sealer);
        AppSpec created;
        try {
            created = apps.create(spec, team);
        } catch (AppExistsException e) {
            // app names are one namespace (DNS labels): saying this one is taken is unavoidable
            throw new ApiException(409, "app " + spec.name() + " already exists");
        }
        audit.app(ex, created.name(), team, "app.created", describe(created));
        notifyController(created.name());
        ex.json(201, view(created, team));
    }

    private void patchApp(Exchange ex) throws Exception {
        OwnedApp owned = guard.owned(ex, ex.param("name"));
        AppSpec current = owned.spec();
        var body = ex.jsonBody();
        AppSpec updated;
        try {
            updated = apps.update(current.name(), c -> AppRequest.patch(c, body, sealer));
        } catch (NoSuchAppException e) {
            throw notFound(current.name());
        }
        audit.app(ex, updated.name(), owned.team(), "app.updated", describe(updated));
        notifyController(updated.name());
        ex.json(200, view(updated, owned.team()));
    }

    private void deleteApp(Exchange ex) throws Exception {
        OwnedApp owned = guard.owned(ex, ex.param("name"));
        AppSpec current = owned.spec();
        if (!apps.delete(current.name())) {
            throw notFound(current.name());
        }
        releases.deleteAll(current.name());
        domains.deleteAll(current.name());
        certificates.deleteAll(current.name());
        routing.delete(current.name());
        audit.app(ex, current.name(), owned.team(), "app.deleted", "deleted");
        notifyController(current.name());
        ex.noContent();
    }

    private static String describe(AppSpec a) {
        // env values may be secrets even when not marked so: only names go to the event log
        String secret = a.secretEnv().isEmpty() ? "" : " secretEnv=" + SecretEnvChange.names(a.secretEnv());
        return "image=" + a.image() + " instances=" + a.instances() + " memory=" + a.memoryMb() + "MB env="
                + new java.util.TreeSet<>(a.env().keySet()) + secret;
    }

    /** Who and from where, in one string, for the event log of code not yet on {@link Audit}. */
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

    /** The app of the path, if the caller's team has it (see {@link AppGuard}); else 404. */
    private AppSpec app(Exchange ex) {
        return guard.app(ex);
    }

    private static ApiException notFound(String name) {
        return AppGuard.notFound(name);
    }

    private AppView view(AppSpec a, String team) throws Exception {
        String url = "http://" + a.name() + "." + config.appsDomain() + (config.routerPort() == 80 ? "" : ":" + config.routerPort());
        List<String> bound = domains.of(a.name());
        io.dinp.model.RouteOptions options = routing.of(a.name());
        try {
            return AppView.of(a, team, cluster.status(a.name()).orElse(null), url, bound, options);
        } catch (Exception e) {
            log.warn("controller unreachable for status of {}: {}", a.name(), e.toString());
            return AppView.of(a, team, new io.dinp.model.AppStatus("unknown", "controller unreachable", a.instances(), 0, 0),
                    url, bound, options);
        }
    }
}
