package io.dinp.common.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import io.dinp.pki.TlsContexts;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import io.dinp.model.access.Caller;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small JSON API server on the JDK's HTTP server, one virtual thread per request (long polls
 * cost nothing). Routes are {@code METHOD /path/{param}}; every route passes the authenticator
 * first. Errors become JSON: {@code {"error": "...", "fields": [...]}}.
 */
public final class HttpApi implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HttpApi.class);
    private static final Pattern PARAM = Pattern.compile("\\{([a-zA-Z]+)}");

    /** Handles one matched request. */
    @FunctionalInterface
    public interface Handler {
        void handle(Exchange ex) throws Exception;
    }

    /**
     * Decides who is calling, once per request; throws {@link ApiException} 401 when nobody
     * acceptable is (or 403 when the request may not be made that way, e.g. without its CSRF token).
     */
    @FunctionalInterface
    public interface Authenticator {
        Caller authenticate(Exchange ex) throws Exception;
    }

    /** A registered route as written: {@code GET /api/v1/apps/{name}}; {@code open} ones need no caller. */
    public record RouteInfo(String method, String path, boolean open) {
    }

    private record Route(String method, String path, Pattern pattern, List<String> names, Handler handler, boolean open) {
    }

    private final List<Route> routes = new ArrayList<>();
    private final Authenticator auth;
    private HttpServer server;
    private volatile io.micrometer.core.instrument.MeterRegistry meters;
    private volatile String meterName;
    private volatile java.util.Set<io.dinp.pki.Role> forwarders = java.util.Set.of();
    private volatile io.dinp.model.access.TrustedProxies proxies = io.dinp.model.access.TrustedProxies.NONE;

    public HttpApi(Authenticator auth) {
        this.auth = auth;
    }

    /**
     * Takes {@link Exchange#CLIENT_ADDRESS} as the caller's address on requests from a peer
     * whose certificate (checked by the TLS handshake: serve with {@code ClientAuth.WANT}) is a
     * cluster certificate of one of {@code roles}: a builder behind dash's {@code BuilderProxy}
     * then audits the user's address, not dash's. From anyone else the header is ignored.
     */
    public HttpApi trustClientAddressFrom(io.dinp.pki.Role... roles) {
        this.forwarders = java.util.Set.of(roles);
        return this;
    }

    /**
     * Takes the client {@code X-Forwarded-For} names as the caller's address on requests from
     * {@code trusted} proxies (load balancers in front of several dashes), so that throttles and
     * the audit log see the client, not the proxy. From anyone else the header is ignored.
     */
    public HttpApi trustForwardedFor(io.dinp.model.access.TrustedProxies trusted) {
        this.proxies = java.util.Objects.requireNonNull(trusted, "trusted");
        return this;
    }

    public HttpApi route(String method, String path, Handler handler) {
        return add(method, path, handler, false);
    }

    /** A route that needs no authentication (health checks, static pages). */
    public HttpApi open(String method, String path, Handler handler) {
        return add(method, path, handler, true);
    }

    private HttpApi add(String method, String path, Handler handler, boolean open) {
        List<String> names = new ArrayList<>();
        Matcher m = PARAM.matcher(path);
        StringBuilder re = new StringBuilder("^");
        int last = 0;
        while (m.find()) {
            re.append(Pattern.quote(path.substring(last, m.start()))).append("([^/]+)");
            names.add(m.group(1));
            last = m.end();
        }
        re.append(Pattern.quote(path.substring(last))).append("/?$");
        routes.add(new Route(method, path, Pattern.compile(re.toString()), names, handler, open));
        return this;
    }

    /**
     * Every route registered so far, in registration order: lets tests try each one (for example
     * as an outsider) so that routes added later are covered without anyone listing them.
     */
    public List<RouteInfo> routes() {
        return routes.stream().map(r -> new RouteInfo(r.method, r.path, r.open)).toList();
    }

    /**
     * Times every request into {@code registry} as the timer {@code name} with the tags
     * {@code method}, {@code route} (the template, e.g. {@code /api/v1/apps/{name}}, or
     * {@code unmatched}) and {@code class} (2xx…5xx): few series whatever the traffic.
     */
    public HttpApi measure(io.micrometer.core.instrument.MeterRegistry registry, String name) {
        this.meters = registry;
        this.meterName = name;
        return this;
    }

    /** Pure: the status class a response counts under; {@code -} when none was sent. */
    static String statusClass(int status) {
        return status >= 100 && status < 600 ? (status / 100) + "xx" : "-";
    }

    private void measured(String method, String route, int status, long nanos) {
        var r = meters;
        if (r == null) {
            return;
        }
        boolean known = method.equals("GET") || method.equals("POST") || method.equals("PUT") || method.equals("PATCH")
                || method.equals("DELETE") || method.equals("HEAD") || method.equals("OPTIONS");
        io.micrometer.core.instrument.Timer.builder(meterName).description("HTTP requests answered, by route and status class")
                .tag("method", known ? method : "other").tag("route", route).tag("class", statusClass(status))
                .register(r).record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    /** Starts listening on plain HTTP; returns the bound port (useful with port 0). */
    public int start(String host, int port) throws IOException {
        return listen(HttpServer.create(new InetSocketAddress(host, port), 512));
    }

    /**
     * Starts listening on HTTPS only (TLS 1.3 and 1.2); returns the bound port. A client that
     * speaks plain HTTP gets no answer in HTTP. Every answer carries HSTS.
     *
     * @param clientAuth whether clients must present a certificate the context trusts
     */
    public int start(String host, int port, SSLContext tls, TlsContexts.ClientAuth clientAuth) throws IOException {
        HttpsServer https = HttpsServer.create(new InetSocketAddress(host, port), 512);
        SSLParameters params = TlsContexts.serverParameters(tls, clientAuth);
        https.setHttpsConfigurator(new HttpsConfigurator(tls) {
            @Override
            public void configure(HttpsParameters p) {
                p.setSSLParameters(params);
            }
        });
        return listen(https);
    }

    private int listen(HttpServer created) {
        server = created;
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::dispatch);
        server.start();
        return server.getAddress().getPort();
    }

    private void dispatch(HttpExchange http) {
        long started = System.nanoTime();
        String path = http.getRequestURI().getRawPath();
        String method = http.getRequestMethod();
        String route = "unmatched";
        try (http) {
            if (http instanceof HttpsExchange) {
                // browsers that once reached us over HTTPS never try plain HTTP again (a year)
                http.getResponseHeaders().set("Strict-Transport-Security", "max-age=31536000");
            }
            Route found = null;
            Map<String, String> params = new LinkedHashMap<>();
            boolean pathMatched = false;
            for (Route r : routes) {
                Matcher m = r.pattern.matcher(path);
                if (m.matches()) {
                    pathMatched = true;
                    if (r.method.equals(method)) {
                        found = r;
                        for (int i = 0; i < r.names.size(); i++) {
                            params.put(r.names.get(i), java.net.URLDecoder.decode(m.group(i + 1), java.nio.charset.StandardCharsets.UTF_8));
                        }
                        break;
                    }
                }
            }
            if (found != null) {
                route = found.path;
            }
            Exchange ex = new Exchange(http, params, forwarders, proxies);
            try {
                if (found == null) {
                    throw pathMatched ? new ApiException(405, "method " + method + " not allowed on " + path)
                            : new ApiException(404, "no such endpoint: " + method + " " + path);
                }
                if (!found.open) {
                    ex.caller(auth.authenticate(ex));
                }
                found.handler.handle(ex);
            } catch (ApiException e) {
                error(ex, e.status(), e.getMessage(), e.errors());
            } catch (IOException e) {
                if (http.getResponseCode() == -1) {
                    // nothing was answered yet: not (only) the client going away, but perhaps a part the
                    // handler reached failing; an answer is owed, else the client waits for ever
                    log.warn("{} {} failed before answering: {}", method, path, e.toString());
                    error(ex, 502, "could not complete " + method + " " + path + ": " + e.getMessage(), List.of());
                } else {
                    log.debug("client went away during {} {}: {}", method, path, e.toString());
                }
            } catch (Exception e) {
                log.error("{} {} failed", method, path, e);
                error(ex, 500, "internal error: " + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage()), List.of());
            } finally {
                measured(method, route, http.getResponseCode(), System.nanoTime() - started);
                // Whatever the handler did: an exchange left open keeps its connection from ever reading
                // the client's next request, which a browser then waits on for ever.
                http.close();
            }
        }
    }

    private static void error(Exchange ex, int status, String message, List<io.dinp.model.FieldError> fields) {
        try {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("error", message);
            if (!fields.isEmpty()) {
                body.put("fields", fields);
            }
            if (status == 401) {
                ex.raw().getResponseHeaders().set("WWW-Authenticate", "Bearer");
            }
            ex.json(status, body);
        } catch (IOException | IllegalStateException e) {
            log.debug("could not send error {}: {}", status, e.toString());
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** The bearer token of a request, or null. */
    public static String bearer(Exchange ex) {
        String h = ex.header("Authorization");
        if (h == null || !h.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String t = h.substring(7).trim();
        return t.isEmpty() ? null : t;
    }
}
