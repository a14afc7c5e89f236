package io.dinp.agent.logs;

import io.dinp.common.http.ApiException;
import io.dinp.common.http.HttpApi;
import io.dinp.common.http.LogQueries;
import io.dinp.common.logs.LogWire;
import io.dinp.model.NodeLogs;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.util.Map;

/**
 * The agent's log endpoint for dash: {@code GET /internal/v1/apps/{app}/logs} streams the app's
 * lines on this node as newline-delimited JSON. It is served over HTTPS to clients with dash's
 * certificate only (the TLS handshake requires one of the cluster's, of the dash role); dash has
 * already checked that its caller may read the app.
 */
public final class AgentLogApi {
    private AgentLogApi() {
    }

    public static HttpApi create(NodeLogs logs) {
        HttpApi api = new HttpApi(ex -> {
            if (ex.peerCertificate() == null) {
                // unreachable when started with a required client certificate; never serve logs without one
                throw new ApiException(401, "the log endpoint wants dash's client certificate");
            }
            return io.dinp.model.access.Caller.cluster();
        });
        api.open("GET", "/healthz", ex -> ex.json(200, Map.of("status", "ok")));
        api.route("GET", "/internal/v1/apps/{app}/logs", ex -> {
            var query = LogQueries.parse(ex);
            try (OutputStream out = new BufferedOutputStream(ex.stream(200, LogWire.CONTENT_TYPE), 64 * 1024)) {
                logs.stream(query, LogWire.writer(out));
            }
        });
        return api;
    }
}
