package io.dinp.server;

import io.dinp.common.http.ApiException;
import io.dinp.common.http.HttpApi;
import io.dinp.model.ControlPlane;
import io.dinp.model.HealthReport;
import io.dinp.model.NodeReport;
import io.dinp.model.access.Caller;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The server's HTTP face for other components: agents report and long-poll their assignment,
 * dash reads real state. Every call carries the cluster join token.
 */
public final class ControlApi {
    private static final long MAX_WAIT_MS = 60_000;

    private ControlApi() {
    }

    public static HttpApi create(ControllerService svc, String joinToken) {
        byte[] expected = joinToken.getBytes(StandardCharsets.UTF_8);
        HttpApi api = new HttpApi(ex -> {
            String t = HttpApi.bearer(ex);
            if (t == null || !MessageDigest.isEqual(expected, t.getBytes(StandardCharsets.UTF_8))) {
                throw new ApiException(401, "missing or wrong cluster join token");
            }
            return Caller.cluster();
        });
        api.open("GET", "/healthz", ex -> ex.json(200, Map.of("status", "ok")));
        api.route("POST", "/internal/v1/report", ex -> {
            NodeReport r = ex.body(NodeReport.class);
            if (r.nodeId() == null || r.nodeId().isBlank() || r.address() == null || r.memoryMb() < 0) {
                throw new ApiException(400, "report needs nodeId, address and memoryMb");
            }
            ex.json(200, svc.report(r));
        });
        api.route("GET", "/internal/v1/nodes/{node}/assignment", ex -> {
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
        api.route("GET", "/internal/v1/nodes", ex -> ex.json(200, svc.nodes()));
        api.route("POST", "/internal/v1/hm/{hm}/targets", ex -> {
            String hm = hmId(ex.param("hm"));
            long wait = Math.min(MAX_WAIT_MS, Math.max(0, parseLong(ex.query("waitMs"), "waitMs")));
            var t = svc.targets(hm, ex.query("known"), Duration.ofMillis(wait));
            if (t.isPresent()) {
                ex.json(200, t.get());
            } else {
                ex.noContent();
            }
        });
        api.route("POST", "/internal/v1/hm/{hm}/health", ex -> {
            String hm = hmId(ex.param("hm"));
            HealthReport[] reports = ex.body(HealthReport[].class);
            for (HealthReport r : reports) {
                if (r == null || r.instanceId() == null || r.phase() == null) {
                    throw new ApiException(400, "each health report needs instanceId, port and phase");
                }
            }
            svc.report(hm, List.of(reports));
            ex.noContent();
        });
        api.route("GET", "/internal/v1/hm", ex -> ex.json(200, Map.of("monitors", svc.monitors())));
        api.route("GET", "/internal/v1/apps/{app}/status", ex -> ex.json(200, svc.status(ex.param("app"))
                .orElseThrow(() -> new ApiException(404, "no status for app " + ex.param("app")))));
        api.route("GET", "/internal/v1/apps/{app}/instances", ex -> ex.json(200, svc.instances(ex.param("app"))));
        api.route("POST", "/internal/v1/apps/{app}/reconcile", ex -> {
            svc.desiredChanged(ex.param("app"));
            ex.noContent();
        });
        return api;
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
