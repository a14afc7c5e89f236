package io.dinp.server;

import io.dinp.core.Rollback;
import io.dinp.model.AppSpec;
import io.dinp.store.AppStore;
import io.dinp.store.CertificateStore;
import io.dinp.store.DomainStore;
import io.dinp.store.EventStore;
import io.dinp.store.NoSuchAppException;
import io.dinp.store.ReleaseStore;
import io.dinp.store.RoutingStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The desired state in SQL. A rollback is one conditional update: it applies only while the app
 * is still at the generation and spec that failed, so a deploy made meanwhile is never undone.
 */
public final class StoreDesiredState implements DesiredStateSource {
    private final AppStore apps;
    private final ReleaseStore releases;
    private final EventStore events;
    private final DomainStore domains;
    private final CertificateStore certificates;
    private final RoutingStore routing;

    public StoreDesiredState(AppStore apps, ReleaseStore releases, EventStore events, DomainStore domains,
                             CertificateStore certificates, RoutingStore routing) {
        this.apps = apps;
        this.releases = releases;
        this.events = events;
        this.domains = domains;
        this.certificates = certificates;
        this.routing = routing;
    }

    /** Everything from one database. */
    public static StoreDesiredState of(io.dinp.store.Database db) {
        return new StoreDesiredState(new AppStore(db), new ReleaseStore(db), new EventStore(db), new DomainStore(db),
                new CertificateStore(db), new RoutingStore(db));
    }

    @Override
    public List<AppSpec> apps() {
        return apps.list();
    }

    @Override
    public Map<String, String> domains() {
        return domains.all();
    }

    @Override
    public Map<String, io.dinp.model.TlsCertificate> certificates() {
        return certificates.all();
    }

    @Override
    public Map<String, io.dinp.model.RouteOptions> routeOptions() {
        return routing.all();
    }

    @Override
    public Optional<AppSpec> rollBack(Rollback r) {
        Optional<AppSpec> current = apps.get(r.app());
        if (current.isEmpty() || !stillFailing(current.get(), r)) {
            return Optional.empty();
        }
        AtomicBoolean applied = new AtomicBoolean();
        AppSpec now;
        try {
            now = apps.update(r.app(), a -> {
                if (!stillFailing(a, r)) {
                    return a; // changed between the read and the lock: the newer change wins
                }
                applied.set(true);
                return a.runningAs(r.to(), a.generation());
            });
        } catch (NoSuchAppException e) {
            return Optional.empty();
        }
        if (!applied.get()) {
            return Optional.empty();
        }
        releases.markFailed(r.app(), r.failedImage(), r.reason());
        events.record(r.app(), "rollout.rolled-back", r.reason(), "controller");
        return Optional.of(now);
    }

    @Override
    public void record(String kind, String message) {
        events.record(null, kind, message, "controller");
    }

    private static boolean stillFailing(AppSpec a, Rollback r) {
        return a.generation() == r.generation() && a.specHash().equals(r.failedSpecHash());
    }
}
