package io.dinp.common.http;

import com.fasterxml.jackson.databind.JavaType;
import io.dinp.common.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A JSON-over-HTTP client with a bearer token, for calls between DINP components. */
public final class JsonClient {
    private final HttpClient http;
    private final String base;
    private final String token;

    public JsonClient(String baseUrl, String token) {
        this.base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.token = token;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
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
                .header("Authorization", "Bearer " + token).header("Accept", "application/json");
        if (body == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofByteArray(Json.bytes(body)));
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
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
