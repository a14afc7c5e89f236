package io.dinp.server;

import io.dinp.common.http.ApiException;
import io.dinp.common.http.HttpApi;
import io.dinp.model.ControlPlane;
import io.dinp.model.HealthReport;
import io.dinp.model.NodeReport;
import io.dinp.pki.Role;
import io.dinp.server.pki.EnrolmentApi;
import io.dinp.server.pki.PeerAuthenticator;
import io.dinp.server.pki.ServerPki;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The server's HTTPS face for other components: agents report and long-poll their assignment,
 * health monitors fetch their share and report, dash reads real state. Every call but joining
 * comes over mutual TLS, and each role may call only its own routes, each node and monitor only
 * about itself.
 */
public final class ControlApi {
    private static final long MAX_WAIT_MS = 60_000;

    private ControlApi() {
    }

    public static HttpApi create(ControllerService svc, ServerPki pki) {
        return create(() -> svc, () -> "", pki);
    }

    /**
     * A control API that answers only while {@code leader} gives a service: a standby answers
     * every call but joining and /healthz with 503 and the leader's URL (header {@value
     * io.dinp.common.http.JsonClient#NOT_LEADER}), and clients move on to another server.
     */
    public static HttpApi create(Supplier<ControllerService> leader, Supplier<String> leaderUrl, ServerPki pki) {
        HttpApi api = new HttpApi(new PeerAuthenticator(pki.revocations(), Clock.systemUTC()));
        api.open("GET", "/healthz", ex -> ex.json(200, Map.of("status", "ok",
                "role", leader.get() == null ? "standby" : "leader")));
        new EnrolmentApi(pki, who -> {
            ControllerService svc = leader.get();
            if (who.role() == Role.NODE && svc != null) {
                svc.nodeJoined(who.id());
            }
        }).register(api);
        LeaderRoutes routes = new LeaderRoutes(api, leader, leaderUrl);
        register(routes, pki);
        return api;
    }

    /** Routes served by the leader only. */
    private record LeaderRoutes(HttpApi api, Supplier<ControllerService> leader, Supplier<String> leaderUrl) {
        interface Handler {
            void handle(io.dinp.common.http.Exchange ex, ControllerService svc) throws Exception;
        }

        void route(String method, String path, Handler h) {
            api.route(method, path, ex -> {
                ControllerService svc = leader.get();
                if (svc == null) {
                    String url = leaderUrl.get();
                    ex.header(io.dinp.common.http.JsonClient.NOT_LEADER, url.isEmpty() ? "unknown" : url);
                    ex.json(503, Map.of("error", "not the leading server; the leader is "
                            + (url.isEmpty() ? "not known yet" : "at " + url), "leader", url));
                    return;
                }
                h.handle(ex, svc);
            });
        }
    }

    private static void register(LeaderRoutes api, ServerPki pki) {
        api.route("POST", "/internal/v1/report", (ex, svc) -> {
            NodeReport r = ex.body(NodeReport.class);
            if (r.nodeId() == null || r.nodeId().isBlank() || r.address() == null || r.memoryMb() < 0) {
                throw new ApiException(400, "report needs nodeId, address and memoryMb");
            }
            PeerAuthenticator.requireSelf(ex, Role.NODE, r.nodeId());
            ex.json(200, svc.report(r));
        });
        api.route("GET", "/internal/v1/nodes/{node}/assignment", (ex, svc) -> {
            PeerAuthenticator.requireSelf(ex, Role.NODE, ex.param("node"));
            long version = parseLong(ex.query("version"), "version");
            long wait = Math.min(MAX_WAIT_MS, Math.max(0, parseLong(ex.query("waitMs"), "waitMs")));
            try {
                var a = svc.awaitChange(ex.param("node"), ex.query("epoch"), version, Duration.ofMillis(wait));
                if (a.isPresent()) {
                    ex.json(200, a.get());
                } else {
                    ex.noContent();
                }
            } catch (ControlPlane.UnknownNodeException e) {
                throw new ApiException(409, e.getMessage());
            }
        });
        api.route("GET", "/internal/v1/nodes", (ex, svc) -> {
            PeerAuthenticator.require(ex, Role.DASH);
            ex.json(200, svc.nodes());
        });
        api.route("POST", "/internal/v1/nodes/{node}/revoked", (ex, svc) -> {
            PeerAuthenticator.require(ex, Role.DASH);
            pki.reloadRevocations();
            ex.noContent();
        });
        api.route("POST", "/internal/v1/hm/{hm}/targets", (ex, svc) -> {
            String hm = hmId(ex.param("hm"));
            PeerAuthenticator.requireSelf(ex, Role.HM, hm);
            long wait = Math.min(MAX_WAIT_MS, Math.max(0, parseLong(ex.query("waitMs"), "waitMs")));
            var t = svc.targets(hm, ex.query("known"), Duration.ofMillis(wait));
            if (t.isPresent()) {
                ex.json(200, t.get());
            } else {
                ex.noContent();
            }
        });
        api.route("POST", "/internal/v1/hm/{hm}/health", (ex, svc) -> {
            String hm = hmId(ex.param("hm"));
            PeerAuthenticator.requireSelf(ex, Role.HM, hm);
            HealthReport[] reports = ex.body(HealthReport[].class);
            for (HealthReport r : reports) {
                if (r == null || r.instanceId() == null || r.phase() == null) {
                    throw new ApiException(400, "each health report needs instanceId, port and phase");
                }
            }
            svc.report(hm, List.of(reports));
            ex.noContent();
        });
        api.route("GET", "/internal/v1/hm", (ex, svc) -> {
            PeerAuthenticator.require(ex, Role.DASH);
            ex.json(200, Map.of("monitors", svc.monitors()));
        });
        api.route("GET", "/internal/v1/apps/{app}/status", (ex, svc) -> {
            PeerAuthenticator.require(ex, Role.DASH);
            ex.json(200, svc.status(ex.param("app")).orElseThrow(() -> new ApiException(404, "no status for app " + ex.param("app"))));
        });
        api.route("GET", "/internal/v1/apps/{app}/instances", (ex, svc) -> {
            PeerAuthenticator.require(ex, Role.DASH);
            ex.json(200, svc.instances(ex.param("app")));
        });
        api.route("POST", "/internal/v1/apps/{app}/reconcile", (ex, svc) -> {
            PeerAuthenticator.require(ex, Role.DASH);
            svc.desiredChanged(ex.param("app"));
            ex.noContent();
        });
    }

    private static String hmId(String id) {
        if (id == null || !id.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,62}")) {
            throw new ApiException(400, "hm id: letters, digits, '.', '_', '-', at most 63");
        }
        return id;
    }

    private static long parseLong(String v, String name) {
        if (v == null) {
            return 0;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new ApiException(400, name + " must be a number");
        }
    }
}
