package io.dinp.common.http;

import io.dinp.model.HealthMonitors;
import io.dinp.model.HealthReport;
import io.dinp.model.HmTargets;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** A health monitor's side of the server when the server is another process: HTTPS with the monitor's certificate. */
public final class HttpHealthMonitors implements HealthMonitors {
    private final JsonClient client;

    public HttpHealthMonitors(String serverUrl, java.util.function.Supplier<java.net.http.HttpClient> http) {
        this.client = new JsonClient(serverUrl, http);
    }

    @Override
    public Optional<HmTargets> targets(String hmId, String knownHash, Duration wait) throws Exception {
        String path = "/internal/v1/hm/" + enc(hmId) + "/targets?known=" + enc(knownHash == null ? "" : knownHash)
                + "&waitMs=" + wait.toMillis();
        JsonClient.Reply r = client.send("POST", path, null, wait.plusSeconds(10));
        if (r.status() == 204) {
            return Optional.empty();
        }
        if (!r.ok()) {
            throw new IOException("targets poll answered " + r.status() + ": " + r.body());
        }
        return Optional.of(r.as(HmTargets.class));
    }

    @Override
    public void report(String hmId, List<HealthReport> reports) throws Exception {
        JsonClient.Reply r = client.send("POST", "/internal/v1/hm/" + enc(hmId) + "/health", reports, Duration.ofSeconds(10));
        if (!r.ok()) {
            throw new IOException("health report answered " + r.status() + ": " + r.body());
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
