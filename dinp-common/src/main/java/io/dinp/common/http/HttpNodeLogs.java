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

/** The logs of a node whose agent is another process: its log endpoint, with the join token. */
public final class HttpNodeLogs implements NodeLogs {
    private static final Duration HEADERS_TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http;
    private final String base;
    private final String joinToken;

    public HttpNodeLogs(HttpClient http, String baseUrl, String joinToken) {
        this.http = http;
        this.base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.joinToken = joinToken;
    }

    @Override
    public void stream(LogQuery query, LogSink sink) throws IOException, InterruptedException {
        HttpRequest req = HttpRequest.newBuilder(URI.create(base + LogQueries.path(query))).timeout(HEADERS_TIMEOUT)
                .header("Authorization", "Bearer " + joinToken).header("Accept", LogWire.CONTENT_TYPE).GET().build();
        HttpResponse<InputStream> r = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
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
