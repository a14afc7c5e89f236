package io.dinp.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.LongConsumer;

/** The public REST API as the CLI calls it: JSON in and out, errors turned into {@link CliException}s. */
final class ApiClient {
    static final ObjectMapper JSON = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http;
    private final String base;
    private final String authorization;

    /** One answer: its status and its JSON body (null when empty or not JSON). */
    record Reply(int status, JsonNode body) {
        boolean ok() {
            return status / 100 == 2;
        }
    }

    /** @param authorization the whole Authorization header value, e.g. {@code Bearer <token>} */
    /** @param caCert the CA (PEM) an https:// API must chain to; null for the JDK's public CAs */
    private ApiClient(String base, String authorization, String caCert) {
        this.base = base;
        this.authorization = authorization;
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
        if (caCert != null) {
            b.sslContext(CaTrust.context(caCert));
        }
        this.http = b.build();
    }

    static ApiClient withToken(String base, String token) {
        return withToken(base, token, null);
    }

    static ApiClient withToken(String base, String token, String caCert) {
        return new ApiClient(base, "Bearer " + token, caCert);
    }

    static ApiClient withPassword(String base, String user, char[] password, String caCert) {
        String pair = user + ":" + new String(password);
        return new ApiClient(base, "Basic " + java.util.Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)),
                caCert);
    }

    String base() {
        return base;
    }

    static String enc(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    JsonNode get(String path) {
        return call("GET", path, null);
    }

    /** Sends and insists on a 2xx answer; its body, or null when it has none. */
    JsonNode call(String method, String path, Object body) {
        Reply r = send(method, path, body);
        if (!r.ok()) {
            throw error(r);
        }
        return r.body();
    }

    Reply send(String method, String path, Object body) {
        HttpRequest.Builder b = request(path).timeout(CALL_TIMEOUT);
        try {
            if (body == null) {
                b.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                b.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
            }
            HttpResponse<byte[]> r = exchange(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Reply(r.statusCode(), parse(r.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A streamed answer (logs, a build's log): the caller reads and closes it. */
    InputStream stream(String path) {
        HttpResponse<InputStream> r = exchange(request(path).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        if (r.statusCode() != 200) {
            try (InputStream in = r.body()) {
                throw error(new Reply(r.statusCode(), parse(in.readNBytes(64 * 1024))));
            } catch (IOException e) {
                throw unreachable(e);
            }
        }
        return r.body();
    }

    /** Posts a file as the request body, telling {@code progress} how many bytes went out so far. */
    Reply upload(String path, Path file, LongConsumer progress) {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw CliException.usage("cannot read " + file + ": " + e.getMessage());
        }
        HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.fromPublisher(
                HttpRequest.BodyPublishers.ofInputStream(() -> counting(file, progress)), size);
        HttpResponse<byte[]> r = exchange(request(path).header("Content-Type", "application/octet-stream")
                .POST(body).build(), HttpResponse.BodyHandlers.ofByteArray());
        return new Reply(r.statusCode(), parse(r.body()));
    }

    private static InputStream counting(Path file, LongConsumer progress) {
        try {
            return new FilterInputStream(Files.newInputStream(file)) {
                private long sent;

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    int n = super.read(b, off, len);
                    if (n > 0) {
                        sent += n;
                        progress.accept(sent);
                    }
                    return n;
                }
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", authorization)
                .header("Accept", "application/json");
    }

    private <T> HttpResponse<T> exchange(HttpRequest req, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(req, handler);
        } catch (IOException e) {
            throw unreachable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCodes.FAILED, "interrupted");
        }
    }

    private CliException unreachable(IOException e) {
        String again = "; to use another API: dinp login --api URL";
        if (e instanceof javax.net.ssl.SSLHandshakeException) {
            return new CliException(ExitCodes.UNREACHABLE, "the API at " + base + " is not trusted (" + e.getMessage()
                    + "): log in with --ca-cert FILE, the cluster CA's certificate (ca.pem beside dash's certificate in "
                    + "DATA_DIR/pki, or DATA_DIR/pki/ca/ca.pem on the server), or set DINP_CA_CERT");
        }
        if (e instanceof ConnectException || e instanceof HttpConnectTimeoutException) {
            return new CliException(ExitCodes.UNREACHABLE, "cannot reach the API at " + base
                    + " (" + (e.getMessage() == null ? "connection refused" : e.getMessage()) + "): is dash running?" + again);
        }
        if (e instanceof HttpTimeoutException) {
            return new CliException(ExitCodes.UNREACHABLE, "the API at " + base + " did not answer within "
                    + CALL_TIMEOUT.toSeconds() + " s" + again);
        }
        return new CliException(ExitCodes.UNREACHABLE, "lost the connection to the API at " + base + ": "
                + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
    }

    /** The API's error as a message with the fix, and the exit code of its kind. */
    CliException error(Reply r) {
        String said = r.body() != null && r.body().hasNonNull("error") ? r.body().get("error").asText() : "HTTP " + r.status();
        return switch (r.status()) {
            case 400, 413 -> new CliException(ExitCodes.USAGE, said);
            case 401 -> new CliException(ExitCodes.AUTH, "the API at " + base + " refused the credentials (" + said
                    + "): log in again with dinp login --api " + base);
            case 403 -> new CliException(ExitCodes.AUTH, "not allowed: " + said);
            case 404 -> new CliException(ExitCodes.NOT_FOUND, said);
            case 409 -> new CliException(ExitCodes.CONFLICT, said);
            case 502, 503, 504 -> new CliException(ExitCodes.UNREACHABLE, "the API at " + base + " answered " + r.status()
                    + " (" + said + "): is dash running behind its proxy?");
            default -> new CliException(ExitCodes.FAILED, "the API answered " + r.status() + ": " + said);
        };
    }

    static JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }
}
