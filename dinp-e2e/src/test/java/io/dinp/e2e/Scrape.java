package io.dinp.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.dinp.testkit.PrometheusText;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Reads a process' admin listener (--metrics-port): /metrics parsed, /healthz as status and JSON. */
final class Scrape {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Scrape() {
    }

    record Health(int status, JsonNode body) {
    }

    static PrometheusText metrics(int port) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new AssertionError("/metrics on " + port + " answered " + r.statusCode());
        }
        if (!r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain")) {
            throw new AssertionError("/metrics on " + port + " is not Prometheus text: " + r.headers().map());
        }
        return PrometheusText.parse(r.body());
    }

    static Health health(int port) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz"))
                .timeout(Duration.ofSeconds(15)).build(), HttpResponse.BodyHandlers.ofString());
        return new Health(r.statusCode(), Api.JSON.readTree(r.body()));
    }

    /** A sample's value, 0 when absent (a counter not yet made). */
    static double value(PrometheusText p, String name, String... labels) {
        Double v = p.value(name, labels);
        return v == null ? 0 : v;
    }
}
