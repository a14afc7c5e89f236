package io.dinp.common.http;

import com.fasterxml.jackson.databind.JavaType;
import io.dinp.common.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * A JSON-over-HTTPS client for calls between DINP components. Who it is and whom it trusts is in
 * the HTTP client it is given, asked for anew on each call: a renewed certificate comes with a new
 * client, so the next connection presents it.
 */
public final class JsonClient {
    private final Supplier<HttpClient> http;
    private final String base;

    /**
     * @throws IllegalArgumentException when {@code baseUrl} is not an https:// URL
     */
    public JsonClient(String baseUrl, Supplier<HttpClient> http) {
        this.base = httpsBase(baseUrl);
        this.http = http;
    }

    /** The URL without a trailing slash; components talk to each other over HTTPS only. */
    public static String httpsBase(String url) {
        if (url == null || !url.startsWith("https://")) {
            throw new IllegalArgumentException("the control API speaks HTTPS only: give https://HOST:PORT, was '" + url + "'");
        }
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** A client with these TLS settings and the connect timeout components use. */
    public static HttpClient httpClient(javax.net.ssl.SSLContext tls) {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).sslContext(tls).build();
    }

    /** The answer of one call: status and raw body. */
    public record Reply(int status, String body) {
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
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout)
                .header("Accept", "application/json");
        if (body == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofByteArray(Json.bytes(body)));
        }
        HttpResponse<String> r = http.get().send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), r.body());
    }

    /** Sends and insists on a 2xx answer. */
    public Reply call(String method, String path, Object body, Duration timeout) throws IOException, InterruptedException {
        Reply r = send(method, path, body, timeout);
        if (!r.ok()) {
            throw new IOException(method + " " + base + path + " answered " + r.status() + ": " + r.body());
        }
        return r;
    }

    public String base() {
        return base;
    }
}
