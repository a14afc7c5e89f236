package io.dinp.dist;

import io.dinp.common.metrics.AdminServer;
import io.dinp.common.metrics.Healthz;
import io.dinp.common.metrics.Meters;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import picocli.CommandLine.Option;

/**
 * {@code --metrics-port} and {@code --metrics-bind}: the process' plain-HTTP admin listener with
 * {@code /metrics} (Prometheus) and {@code /healthz}, apart from the (mutual TLS) API ports so a
 * scrape needs no cluster certificate. Off by default: several roles often share one host.
 */
final class MetricsOptions {
    @Option(names = "--metrics-port", defaultValue = "-1", paramLabel = "PORT",
            description = "serve /metrics (Prometheus text) and /healthz over plain HTTP on this port; 0 picks a free one, "
                    + "-1: none (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--metrics-bind", defaultValue = "127.0.0.1", paramLabel = "ADDRESS",
            description = "listen address of --metrics-port; keep it on loopback or a management network (default: ${DEFAULT-VALUE})")
    String bind;

    /** @throws IllegalArgumentException naming the option when the port is out of range */
    void check() {
        check(port, "--metrics-port");
    }

    static void check(int port, String option) {
        if (port < -1 || port > 65535) {
            throw new IllegalArgumentException(option + " must be -1 (none) or 0..65535, not " + port);
        }
    }

    /** Starts the listener (unless off) with the process' meters and {@code extra} registries; adds it to {@code parts}. */
    void start(String who, Healthz healthz, List<AutoCloseable> parts, List<Supplier<String>> extra) throws IOException {
        start(who, bind, port, healthz, parts, extra);
    }

    static void start(String who, String bind, int port, Healthz healthz, List<AutoCloseable> parts,
                      List<Supplier<String>> extra) throws IOException {
        if (port < 0) {
            return;
        }
        List<Supplier<String>> scrapes = new ArrayList<>();
        scrapes.add(Meters.registry()::scrape);
        scrapes.addAll(extra);
        AdminServer admin = new AdminServer(bind, port, scrapes, healthz::answer);
        System.out.println(who + ": /metrics and /healthz on " + bind + ":" + admin.start());
        parts.add(admin);
    }
}
