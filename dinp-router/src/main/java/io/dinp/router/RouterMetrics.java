package io.dinp.router;

import io.dinp.model.AppTraffic;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;

/**
 * What one router counts, in Prometheus' format: per app, requests by status class
 * ({@code dinp_router_requests_total{app,class}}), their latency as a histogram with fixed buckets
 * ({@code dinp_router_request_duration_seconds}), retries; and for the router, open client
 * connections, ejections, open upgraded connections, the route table version, whether the
 * route source is reachable, and how long route changes took to arrive
 * ({@code dinp_router_route_propagation_seconds}). Requests that named no app count under {@code app="-"}.
 */
public final class RouterMetrics {
    static final String NO_APP = "-";
    private static final String[] CLASSES = {"1xx", "2xx", "3xx", "4xx", "5xx"};
    private static final Duration[] BUCKETS = {Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(10),
            Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
            Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
            Duration.ofSeconds(10)};
    /** Fine below 20 ms, the goal for a change to reach every router. */
    private static final Duration[] PROPAGATION_BUCKETS = {Duration.ofNanos(250_000), Duration.ofNanos(500_000),
            Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(3), Duration.ofMillis(5), Duration.ofMillis(7),
            Duration.ofMillis(10), Duration.ofMillis(15), Duration.ofMillis(20), Duration.ofMillis(30),
            Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofSeconds(1)};

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final ConcurrentHashMap<String, AppMeters> apps = new ConcurrentHashMap<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final TrafficCounters traffic = new TrafficCounters();
    private final Counter ejections;

    /** One app's meters, made once and then only incremented. */
    private record AppMeters(Counter[] byClass, Timer latency, Counter retries) {
    }

    public RouterMetrics() {
        Gauge.builder("dinp.router.connections.active", connections, AtomicInteger::get)
                .description("client connections open now").register(registry);
        ejections = Counter.builder("dinp.router.ejections").description("backends avoided after a failed connection")
                .register(registry);
    }

    /** The router's own state, read at each scrape. */
    void watch(RouteTableHolder routes, BooleanSupplier routeSourceConnected, IntSupplier openTunnels) {
        Gauge.builder("dinp.router.route.version", routes, r -> r.table().version())
                .description("version of the route table in use").register(registry);
        Gauge.builder("dinp.router.route.source.connected", routeSourceConnected, c -> c.getAsBoolean() ? 1 : 0)
                .description("1 while the route source (Redis) is reachable; 0 while the last table is served")
                .register(registry);
        Gauge.builder("dinp.router.tunnels.open", openTunnels, IntSupplier::getAsInt)
                .description("upgraded connections (WebSockets) open now").register(registry);
        Timer propagation = Timer.builder("dinp.router.route.propagation")
                .description("from when the server learned of a route change to when this router applied it")
                .serviceLevelObjectives(PROPAGATION_BUCKETS).register(registry);
        routes.onPropagation(micros -> propagation.record(micros, TimeUnit.MICROSECONDS));
    }

    private AppMeters meters(String app) {
        return apps.computeIfAbsent(app, a -> {
            Counter[] byClass = new Counter[CLASSES.length];
            for (int i = 0; i < CLASSES.length; i++) {
                byClass[i] = Counter.builder("dinp.router.requests").tag("app", a).tag("class", CLASSES[i])
                        .description("requests answered, by status class").register(registry);
            }
            Timer latency = Timer.builder("dinp.router.request.duration").tag("app", a)
                    .description("from the request's first byte to its response's last")
                    .serviceLevelObjectives(BUCKETS).register(registry);
            Counter retries = Counter.builder("dinp.router.retries").tag("app", a)
                    .description("requests tried again on another connection or instance").register(registry);
            return new AppMeters(byClass, latency, retries);
        });
    }

    void request(String app, int status, long nanos) {
        AppMeters m = meters(app == null ? NO_APP : app);
        int cls = status / 100 - 1;
        if (cls >= 0 && cls < CLASSES.length) {
            m.byClass()[cls].increment();
        }
        m.latency().record(nanos, TimeUnit.NANOSECONDS);
        if (app != null) {
            traffic.record(app, status, nanos);
        }
    }

    void retried(String app) {
        meters(app == null ? NO_APP : app).retries().increment();
    }

    void ejected() {
        ejections.increment();
    }

    void connectionOpened() {
        connections.incrementAndGet();
    }

    void connectionClosed() {
        connections.decrementAndGet();
    }

    /**
     * Per app, what this router counted since it started (requests naming no app left out): what
     * the dashboard's charts are drawn from.
     */
    public Map<String, AppTraffic> traffic() {
        return traffic.snapshot();
    }

    /** The Prometheus text exposition of everything above. */
    public String scrape() {
        return registry.scrape();
    }
}
