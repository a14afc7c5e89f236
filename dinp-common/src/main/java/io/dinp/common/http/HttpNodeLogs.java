package io.dinp.common.http;

import io.dinp.common.logs.LogWire;
import io.dinp.model.LogEvent;
import io.dinp.model.LogQuery;
import io.dinp.model.LogSink;
import io.dinp.model.NodeLogs;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** The logs of a node whose agent is another process: its log endpoint, over HTTPS with dash's certificate. */
public final class HttpNodeLogs implements NodeLogs {
    private static final Duration HEADERS_TIMEOUT = Duration.ofSeconds(10);

    private final java.util.function.Supplier<HttpClient> http;
    private final String base;

    /** @throws IllegalArgumentException when {@code baseUrl} is not https:// */
    public HttpNodeLogs(java.util.function.Supplier<HttpClient> http, String baseUrl) {
        this.http = http;
        this.base = JsonClient.httpsBase(baseUrl);
    }

    @Override
    public void stream(LogQuery query, LogSink sink) throws IOException, InterruptedException {
        HttpRequest req = HttpRequest.newBuilder(URI.create(base + LogQueries.path(query))).timeout(HEADERS_TIMEOUT)
                .header("Accept", LogWire.CONTENT_TYPE).GET().build();
        HttpResponse<InputStream> r = http.get().send(req, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = r.body()) {
            if (r.statusCode() != 200) {
                String body = new String(in.readNBytes(2048), StandardCharsets.UTF_8);
                throw new IOException("the agent at " + base + " answered " + r.statusCode() + ": " + body);
            }
            LogWire.LineReader lines = new LogWire.LineReader(in);
            for (String line = lines.next(); line != null; line = lines.next()) {
                LogEvent e;
                try {
                    e = LogWire.decode(line);
                } catch (UncheckedIOException bad) {
                    continue; // not ours to interpret; the rest of the stream is still good
                }
                if (!sink.accept(e)) {
                    return;
                }
            }
        }
    }

    public String base() {
        return base;
    }
}
