package io.dinp.common.http;

import io.dinp.model.Assignment;
import io.dinp.model.ControlPlane;
import io.dinp.model.NodeReport;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/** The agent's side of the control plane when the server is another process: HTTPS with the node's certificate. */
public final class HttpControlPlane implements ControlPlane {
    private final JsonClient client;

    public HttpControlPlane(String serverUrl, java.util.function.Supplier<java.net.http.HttpClient> http) {
        this.client = new JsonClient(serverUrl, http);
    }

    @Override
    public Assignment report(NodeReport report) throws Exception {
        return client.call("POST", "/internal/v1/report", report, Duration.ofSeconds(10)).as(Assignment.class);
    }

    @Override
    public Optional<Assignment> awaitChange(String nodeId, String epoch, long version, Duration timeout) throws Exception {
        String path = "/internal/v1/nodes/" + URLEncoder.encode(nodeId, StandardCharsets.UTF_8) + "/assignment?epoch="
                + URLEncoder.encode(epoch == null ? "" : epoch, StandardCharsets.UTF_8) + "&version=" + version
                + "&waitMs=" + timeout.toMillis();
        JsonClient.Reply r = client.send("GET", path, null, timeout.plusSeconds(10));
        if (r.status() == 409) {
            throw new UnknownNodeException(nodeId);
        }
        if (r.status() == 204) {
            return Optional.empty();
        }
        if (!r.ok()) {
            throw new java.io.IOException("assignment poll answered " + r.status() + ": " + r.body());
        }
        return Optional.of(r.as(Assignment.class));
    }
}
