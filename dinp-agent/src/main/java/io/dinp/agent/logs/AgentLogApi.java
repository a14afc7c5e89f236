package io.dinp.agent.logs;

import io.dinp.common.http.ApiException;
import io.dinp.common.http.HttpApi;
import io.dinp.common.http.LogQueries;
import io.dinp.common.logs.LogWire;
import io.dinp.model.NodeLogs;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;

/**
 * The agent's log endpoint for dash: {@code GET /internal/v1/apps/{app}/logs} streams the app's
 * lines on this node as newline-delimited JSON. It carries the cluster join token, like every call
 * between components; dash has already checked that its caller may read the app.
 */
public final class AgentLogApi {
    private AgentLogApi() {
    }

    public static HttpApi create(NodeLogs logs, String joinToken) {
        byte[] expected = joinToken.getBytes(StandardCharsets.UTF_8);
        HttpApi api = new HttpApi(ex -> {
            String t = HttpApi.bearer(ex);
            if (t == null || !MessageDigest.isEqual(expected, t.getBytes(StandardCharsets.UTF_8))) {
                throw new ApiException(401, "missing or wrong cluster join token");
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
