package io.dinp.common.http;

import com.fasterxml.jackson.databind.JavaType;
import io.dinp.common.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A JSON-over-HTTPS client for calls between DINP components. Who it is and whom it trusts is in
 * the HTTP client it is given, asked for anew on each call: a renewed certificate comes with a new
 * client, so the next connection presents it.
 *
 * <p>Given several servers ({@code https://a:7071,https://b:7071}), it follows the leader by
 * itself: a call that cannot connect, times out or is answered "not leader" (503 with {@link
 * #NOT_LEADER}) goes to the next server, round after round with a growing pause, until one
 * answers or the call's time is up. The server that answered last is tried first next time.
 */
public final class JsonClient {
    /** Response header of a standby server: the leader's URL, or "unknown". */
    public static final String NOT_LEADER = "X-Dinp-Not-Leader";
    /** Set by a builder on a build log it streams as the build writes it: it runs that build (dash's BuilderProxy). */
    public static final String BUILD_LIVE = "X-Dinp-Build-Live";
    private static final Logger log = LoggerFactory.getLogger(JsonClient.class);
    private static final long FIRST_PAUSE_MS = 50;
    private static final long MAX_PAUSE_MS = 500;

    private final Supplier<HttpClient> http;
    private final List<String> bases;
    private volatile int current;

    /**
     * @param baseUrl one https:// URL, or several separated by commas (the servers of a cluster)
     * @throws IllegalArgumentException when a URL is not an https:// URL
     */
    public JsonClient(String baseUrl, Supplier<HttpClient> http) {
        this.bases = List.of(httpsBase(baseUrl).split(","));
        this.http = http;
    }

    /**
     * The URL without a trailing slash; components talk to each other over HTTPS only. Several
     * URLs separated by commas are checked one by one and come back joined by commas.
     */
    public static String httpsBase(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("the control API speaks HTTPS only: give https://HOST:PORT, was '" + url + "'");
        }
        List<String> out = new ArrayList<>();
        for (String one : url.split(",", -1)) {
            String u = one.strip();
            if (!u.startsWith("https://") || u.length() == "https://".length()) {
                throw new IllegalArgumentException("the control API speaks HTTPS only: give https://HOST:PORT"
                        + " (several separated by commas), was '" + u + "'");
            }
            out.add(u.endsWith("/") ? u.substring(0, u.length() - 1) : u);
        }
        return String.join(",", out);
    }

    /** A client with these TLS settings and the connect timeout components use. */
    public static HttpClient httpClient(javax.net.ssl.SSLContext tls) {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).sslContext(tls).build();
    }

    /** The answer of one call: status and raw body. */
    public record Reply(int status, String body, boolean notLeader) {
        public Reply(int status, String body) {
            this(status, body, false);
        }

        public <T> T as(Class<T> type) {
            return Json.read(body, type);
        }

        public <T> T as(JavaType type) {
            try {
                return Json.MAPPER.readValue(body, type);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    public Reply send(String method, String path, Object body, Duration timeout) throws IOException, InterruptedException {
        if (bases.size() == 1) {
            return sendTo(bases.getFirst(), method, path, body, timeout);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = FIRST_PAUSE_MS;
        Reply standby = null;
        IOException failed = null;
        while (true) {
            int start = current;
            for (int i = 0; i < bases.size(); i++) {
                int at = (start + i) % bases.size();
                Duration left = Duration.ofNanos(deadline - System.nanoTime());
                if (left.toMillis() <= 0) {
                    break;
                }
                try {
                    Reply r = sendTo(bases.get(at), method, path, body, left);
                    if (r.notLeader()) {
                        standby = r;
                        continue;
                    }
                    if (at != start) {
                        log.info("control API: following the leader to {}", bases.get(at));
                    }
                    current = at;
                    return r;
                } catch (IOException e) {
                    failed = e;
                }
            }
            long leftMs = (deadline - System.nanoTime()) / 1_000_000;
            if (leftMs <= 0) {
                if (standby != null) {
                    return standby;
                }
                throw failed != null ? failed : new java.net.http.HttpTimeoutException("no server of " + bases + " answered in time");
            }
            Thread.sleep(Math.min(pause, leftMs)); // no server leads now: one is taking over, or all are down
            pause = Math.min(MAX_PAUSE_MS, pause * 2);
        }
    }

    private Reply sendTo(String base, String method, String path, Object body, Duration timeout)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout)
                .header("Accept", "application/json");
        if (body == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofByteArray(Json.bytes(body)));
        }
        HttpResponse<String> r = http.get().send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), r.body(), r.statusCode() == 503 && r.headers().firstValue(NOT_LEADER).isPresent());
    }

    /** Sends and insists on a 2xx answer. */
    public Reply call(String method, String path, Object body, Duration timeout) throws IOException, InterruptedException {
        Reply r = send(method, path, body, timeout);
        if (!r.ok()) {
            throw new IOException(method + " " + base() + path + " answered " + r.status() + ": " + r.body());
        }
        return r;
    }

    /** The server tried first now: the one that answered last. */
    public String base() {
        return bases.get(current);
    }
}
