package io.dinp.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The public REST API as a user's script would call it. */
final class Api {
    static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http;
    private final String base;
    private final String token;
    private final javax.net.ssl.SSLContext tls;

    /** One answer: status and parsed JSON body (null when empty). */
    record Reply(int status, JsonNode body) {
        String error() {
            return body == null || body.get("error") == null ? null : body.get("error").asText();
        }
    }

    Api(String base, String token) {
        this(base, token, null);
    }

    /** @param tls the trust for an https:// API; null for plain HTTP */
    Api(String base, String token, javax.net.ssl.SSLContext tls) {
        this.base = base;
        this.token = token;
        this.tls = tls;
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3));
        this.http = (tls == null ? b : b.sslContext(tls)).build();
    }

    Api withToken(String other) {
        return new Api(base, other, tls);
    }

    String base() {
        return base;
    }

    HttpClient http() {
        return http;
    }

    Reply send(String method, String path, Object body) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(15));
            if (token != null) {
                b.header("Authorization", "Bearer " + token);
            }
            if (body == null) {
                b.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                String s = body instanceof String str ? str : JSON.writeValueAsString(body);
                b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(s));
            }
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = r.body() == null || r.body().isEmpty() ? null : JSON.readTree(r.body());
            return new Reply(r.statusCode(), json);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Reply get(String path) {
        return send("GET", path, null);
    }

    JsonNode ok(String method, String path, Object body) {
        Reply r = send(method, path, body);
        if (r.status() / 100 != 2) {
            throw new AssertionError(method + " " + path + " answered " + r.status() + ": " + r.body());
        }
        return r.body();
    }

    JsonNode app(String name) {
        return ok("GET", "/api/v1/apps/" + name, null);
    }

    JsonNode instances(String name) {
        return ok("GET", "/api/v1/apps/" + name + "/instances", null);
    }
}
