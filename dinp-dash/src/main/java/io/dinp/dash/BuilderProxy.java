package io.dinp.dash;

import io.dinp.common.http.ApiException;
import io.dinp.common.http.Exchange;
import io.dinp.common.http.HttpApi;
import io.dinp.common.http.JsonClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dash's build routes when the builders run apart ({@code dinp dash --builder URL,...}): one API
 * for the CLI and the dashboard, however many builders there are. Dash checks the caller as for
 * every route, then hands the request to a builder with the caller's own credentials (token,
 * Basic, or session cookie with its CSRF token), which the builder checks again against the same
 * database: dash adds no authority of its own.
 *
 * <ul>
 *   <li>An upload goes to the next builder in turn that answers its health check; a builder that
 *       is down is skipped, so any one of them may be stopped.</li>
 *   <li>A build's log is streamed live only by the builder running it ({@code X-Dinp-Build-Live}); dash
 *       asks each builder and streams the live one, else the stored log, which any of them reads
 *       from the database.</li>
 *   <li>Listing and showing builds read the database through any builder that answers.</li>
 * </ul>
 */
public final class BuilderProxy {
    private static final Logger log = LoggerFactory.getLogger(BuilderProxy.class);
    /** The caller's request headers a builder needs to check and serve it; nothing else is passed on. */
    static final List<String> FORWARDED = List.of("Authorization", "Cookie", "X-CSRF-Token", "Content-Type", "Accept");
    private static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(2);

    private final List<URI> builders;
    private final Supplier<HttpClient> http;
    private final AtomicInteger turn = new AtomicInteger();

    /** @param builders the builders' API bases, e.g. {@code https://10.0.0.5:7072} */
    public BuilderProxy(List<URI> builders, Supplier<HttpClient> http) {
        if (builders.isEmpty()) {
            throw new IllegalArgumentException("--builder: give at least one builder URL");
        }
        this.builders = List.copyOf(builders);
        this.http = http;
    }

    /**
     * The builders' bases from {@code --builder}: http(s) URLs separated by commas, without a path.
     *
     * @throws IllegalArgumentException naming {@code --builder}
     */
    public static List<URI> parse(String option) {
        List<URI> out = new ArrayList<>();
        for (String s : option.split(",")) {
            String v = s.strip();
            URI u;
            try {
                u = new URI(v.endsWith("/") ? v.substring(0, v.length() - 1) : v);
            } catch (java.net.URISyntaxException e) {
                throw new IllegalArgumentException("--builder: not a URL: " + v);
            }
            if (!("https".equals(u.getScheme()) || "http".equals(u.getScheme())) || u.getHost() == null
                    || (u.getPath() != null && !u.getPath().isEmpty()) || u.getQuery() != null || u.getUserInfo() != null) {
                throw new IllegalArgumentException("--builder: must be http(s)://HOST:PORT, was " + v);
            }
            out.add(u);
        }
        return out;
    }

    public void register(HttpApi api) {
        api.route("POST", "/api/v1/apps/{name}/builds", this::upload);
        api.route("GET", "/api/v1/apps/{name}/builds", this::anyBuilder);
        api.route("GET", "/api/v1/builds/{id}", this::anyBuilder);
        api.route("GET", "/api/v1/builds/{id}/log", this::log);
    }

    private void upload(Exchange ex) throws Exception {
        URI builder = healthyBuilder();
        HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.ofInputStream(ex::bodyStream);
        String length = ex.header("Content-Length");
        if (length != null && length.matches("\\d{1,15}")) {
            body = HttpRequest.BodyPublishers.fromPublisher(body, Long.parseLong(length));
        }
        relay(ex, sendOrSay(ex, builder, HttpRequest.newBuilder().POST(body)));
    }

    private void anyBuilder(Exchange ex) throws Exception {
        URI builder = healthyBuilder();
        relay(ex, sendOrSay(ex, builder, HttpRequest.newBuilder().GET()));
    }

    private HttpResponse<InputStream> sendOrSay(Exchange ex, URI builder, HttpRequest.Builder req) throws InterruptedException {
        try {
            return send(ex, builder, req);
        } catch (IOException e) {
            throw new ApiException(502, "the builder at " + builder + " broke off: " + e.getMessage());
        }
    }

    private void log(Exchange ex) throws Exception {
        HttpResponse<InputStream> stored = null;
        for (URI b : inTurn()) {
            HttpResponse<InputStream> r;
            try {
                r = send(ex, b, HttpRequest.newBuilder().GET());
            } catch (IOException e) {
                log.debug("builder {} did not answer for a build log: {}", b, e.toString());
                continue;
            }
            if (r.statusCode() == 200 && r.headers().firstValue(JsonClient.BUILD_LIVE).isPresent()) {
                if (stored != null) {
                    stored.body().close();
                }
                relay(ex, r);
                return;
            }
            if (stored == null) {
                stored = r;
            } else {
                r.body().close();
            }
            if (r.statusCode() != 200) {
                break; // 404 (no such build, or not the caller's) or refused: every builder would say the same
            }
        }
        if (stored == null) {
            throw new ApiException(503, "no builder answers (" + builders + ")");
        }
        relay(ex, stored);
    }

    /** The builders in turn, starting from the next one, so uploads spread over them. */
    private List<URI> inTurn() {
        int start = Math.floorMod(turn.getAndIncrement(), builders.size());
        List<URI> order = new ArrayList<>(builders.size());
        for (int i = 0; i < builders.size(); i++) {
            order.add(builders.get((start + i) % builders.size()));
        }
        return order;
    }

    private URI healthyBuilder() {
        for (URI b : inTurn()) {
            try {
                HttpResponse<Void> r = http.get().send(HttpRequest.newBuilder(b.resolve("/healthz")).timeout(HEALTH_TIMEOUT)
                        .GET().build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return b;
                }
            } catch (IOException e) {
                log.debug("builder {} is not healthy: {}", b, e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new ApiException(503, "no builder is available right now; try again shortly");
    }

    private HttpResponse<InputStream> send(Exchange ex, URI builder, HttpRequest.Builder req)
            throws IOException, InterruptedException {
        String query = ex.rawQuery();
        req.uri(URI.create(builder + ex.path() + (query == null ? "" : "?" + query)));
        for (String h : FORWARDED) {
            String v = ex.header(h);
            if (v != null) {
                req.header(h, v);
            }
        }
        // the builder believes it only from a peer with dash's cluster certificate (its audit's "from where")
        req.header(Exchange.CLIENT_ADDRESS, ex.remoteAddress());
        return http.get().send(req.build(), HttpResponse.BodyHandlers.ofInputStream());
    }

    /** The builder's answer as it comes: status, type, Location, and the body, flushed as it arrives. */
    private static void relay(Exchange ex, HttpResponse<InputStream> r) throws IOException {
        r.headers().firstValue("Location").ifPresent(v -> ex.header("Location", v));
        String type = r.headers().firstValue("Content-Type").orElse("application/octet-stream");
        try (InputStream in = r.body(); OutputStream out = ex.stream(r.statusCode(), type)) {
            byte[] buf = new byte[16 * 1024];
            int n;
            while ((n = in.read(buf)) >= 0) {
                out.write(buf, 0, n);
                if (in.available() == 0) {
                    out.flush();
                }
            }
        }
    }
}
