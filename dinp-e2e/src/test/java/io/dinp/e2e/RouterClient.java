package io.dinp.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Requests through the router with a chosen Host header, as a browser resolving *.apps.localhost would. */
final class RouterClient {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final int port;

    RouterClient(int port) {
        this.port = port;
    }

    /** Status and body of {@code GET /} for the host; status -1 with the error text when the request itself failed. */
    record Answer(int status, String body) {
        boolean ok() {
            return status == 200;
        }
    }

    Answer get(String host) {
        return get(host, "/");
    }

    /** Status and body of {@code GET path} for the host. */
    Answer get(String host, String path) {
        try {
            HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .header("Host", host).timeout(Duration.ofSeconds(10)).GET().build();
            HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.body());
        } catch (IOException e) {
            return new Answer(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(-1, "interrupted");
        }
    }

    /**
     * A request through the router with a chosen Host header and any other headers (name, value,
     * name, value...); redirects are not followed.
     */
    HttpResponse<String> send(String host, String method, String body, String... headers) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                    .header("Host", host).timeout(Duration.ofSeconds(10))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body));
            for (int i = 0; i + 1 < headers.length; i += 2) {
                b.header(headers[i], headers[i + 1]);
            }
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The instance id an answer of the test image names ({@code instance=ID version=V}). */
    static String instanceOf(Answer a) {
        String b = a.body().trim();
        int i = b.indexOf("instance=");
        if (i < 0) {
            return null;
        }
        String rest = b.substring(i + 9);
        int sp = rest.indexOf(' ');
        return sp < 0 ? rest : rest.substring(0, sp);
    }

    /** The instance id in a response of the test image. */
    static String instanceOf(HttpResponse<String> r) {
        return instanceOf(new Answer(r.statusCode(), r.body()));
    }

    static String versionOf(Answer a) {
        int i = a.body().indexOf("version=");
        return i < 0 ? null : a.body().substring(i + 8).trim();
    }
}
