package io.dinp.common.http;

import io.dinp.common.Json;
import io.dinp.model.AppStatus;
import io.dinp.model.ClusterView;
import io.dinp.model.InstanceInfo;
import io.dinp.model.NodeInfo;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Dash's view of the controller when the server is another process: HTTPS with dash's certificate. */
public final class HttpClusterView implements ClusterView {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private final JsonClient client;

    public HttpClusterView(String serverUrl, java.util.function.Supplier<java.net.http.HttpClient> http) {
        this.client = new JsonClient(serverUrl, http);
    }

    private static String app(String name) {
        return "/internal/v1/apps/" + URLEncoder.encode(name, StandardCharsets.UTF_8);
    }

    @Override
    public Optional<AppStatus> status(String app) throws Exception {
        JsonClient.Reply r = client.send("GET", app(app) + "/status", null, TIMEOUT);
        if (r.status() == 404) {
            return Optional.empty();
        }
        if (!r.ok()) {
            throw new java.io.IOException("server answered " + r.status() + ": " + r.body());
        }
        return Optional.of(r.as(AppStatus.class));
    }

    @Override
    public List<InstanceInfo> instances(String app) throws Exception {
        return client.call("GET", app(app) + "/instances", null, TIMEOUT)
                .as(Json.MAPPER.getTypeFactory().constructCollectionType(List.class, InstanceInfo.class));
    }

    @Override
    public List<NodeInfo> nodes() throws Exception {
        return client.call("GET", "/internal/v1/nodes", null, TIMEOUT)
                .as(Json.MAPPER.getTypeFactory().constructCollectionType(List.class, NodeInfo.class));
    }

    @Override
    public void desiredChanged(String app) throws Exception {
        client.call("POST", app(app) + "/reconcile", null, TIMEOUT);
    }

    @Override
    public void certificatesRevoked(String node) throws Exception {
        client.call("POST", "/internal/v1/nodes/" + URLEncoder.encode(node, StandardCharsets.UTF_8) + "/revoked", null, TIMEOUT);
    }
}
