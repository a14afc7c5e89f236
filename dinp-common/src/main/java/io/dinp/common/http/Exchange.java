package io.dinp.common.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import io.dinp.common.Json;
import io.dinp.model.access.Caller;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** One request being answered: path parameters, query, JSON body in and out. */
public final class Exchange {
    /** JSON bodies of the control API are small; anything larger is refused, not buffered. */
    static final int MAX_JSON_BODY = 4 * 1024 * 1024;

    private final HttpExchange http;
    private final Map<String, String> params;
    private Map<String, String> query;
    private Caller caller;
    /** The body, when it had to be read before the handler (a form's CSRF field). */
    private byte[] buffered;
    private Map<String, String> form;

    /** The address of the client a trusted peer (dash) passes a request on for; see {@link HttpApi#trustClientAddressFrom}. */
    public static final String CLIENT_ADDRESS = "X-Dinp-Client-Address";

    private final java.util.Set<io.dinp.pki.Role> forwarders;
    private final io.dinp.model.access.TrustedProxies proxies;

    Exchange(HttpExchange http, Map<String, String> params, java.util.Set<io.dinp.pki.Role> forwarders,
             io.dinp.model.access.TrustedProxies proxies) {
        this.http = http;
        this.params = params;
        this.forwarders = forwarders;
        this.proxies = proxies;
    }

    public String param(String name) {
        return params.get(name);
    }

    public String query(String name) {
        if (query == null) {
            query = parseQuery(http.getRequestURI().getRawQuery());
        }
        return query.get(name);
    }

    public String header(String name) {
        return http.getRequestHeaders().getFirst(name);
    }

    public String method() {
        return http.getRequestMethod();
    }

    /**
     * The caller's address: the connection's; or the one a trusted peer passed the request on for
     * ({@link #CLIENT_ADDRESS}, an IP literal, from a peer with a cluster certificate of a role
     * {@link HttpApi#trustClientAddressFrom} names); or, from a proxy {@link HttpApi#trustForwardedFor}
     * trusts, the client its {@code X-Forwarded-For} names.
     */
    public String remoteAddress() {
        String direct = http.getRemoteAddress().getAddress().getHostAddress();
        String forwarded = header(CLIENT_ADDRESS);
        if (forwarded != null && !forwarders.isEmpty() && isIpLiteral(forwarded) && fromForwarder()) {
            return forwarded;
        }
        return proxies.isEmpty() ? direct : proxies.clientOf(direct, http.getRequestHeaders().get("X-Forwarded-For"));
    }

    private boolean fromForwarder() {
        java.security.cert.X509Certificate peer = peerCertificate();
        if (peer == null) {
            return false;
        }
        try {
            return forwarders.contains(io.dinp.pki.Identity.of(peer).role());
        } catch (IllegalArgumentException notOurs) {
            return false;
        }
    }

    static boolean isIpLiteral(String s) {
        return io.dinp.model.access.TrustedProxies.literal(s) != null;
    }

    /** Who is calling; null on open routes. */
    public Caller caller() {
        return caller;
    }

    void caller(Caller who) {
        this.caller = who;
    }

    /** The calling user's name, as recorded in audit entries and {@code created_by} columns. */
    public String principal() {
        return caller == null ? null : caller.user();
    }

    /** Whether the client reached us over TLS, here or at a proxy in front that says so. */
    public boolean secure() {
        return http instanceof com.sun.net.httpserver.HttpsExchange
                || "https".equalsIgnoreCase(header("X-Forwarded-Proto"));
    }

    /**
     * The client's certificate, checked by the TLS handshake against the server's trust, or null
     * over plain HTTP or when the client presented none.
     */
    public java.security.cert.X509Certificate peerCertificate() {
        if (!(http instanceof com.sun.net.httpserver.HttpsExchange https)) {
            return null;
        }
        try {
            var certs = https.getSSLSession().getPeerCertificates();
            return certs.length > 0 && certs[0] instanceof java.security.cert.X509Certificate x ? x : null;
        } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
            return null;
        }
    }

    /** The value of the request cookie {@code name}, or null. */
    public String cookie(String name) {
        List<String> headers = http.getRequestHeaders().get("Cookie");
        if (headers == null) {
            return null;
        }
        for (String h : headers) {
            for (String part : h.split(";")) {
                int eq = part.indexOf('=');
                if (eq > 0 && part.substring(0, eq).trim().equals(name)) {
                    return part.substring(eq + 1).trim();
                }
            }
        }
        return null;
    }

    /** Adds a response header without replacing earlier ones of that name (several Set-Cookie). */
    public void addHeader(String name, String value) {
        http.getResponseHeaders().add(name, value);
    }

    /**
     * A field of an {@code application/x-www-form-urlencoded} body, or null (also for other
     * bodies). The body is kept, so the handler can still read it.
     */
    public String formField(String name) {
        if (form == null) {
            String type = header("Content-Type");
            form = type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded")
                    ? parseQuery(new String(buffer(), StandardCharsets.UTF_8)) : Map.of();
        }
        return form.get(name);
    }

    private byte[] buffer() {
        if (buffered == null) {
            try (InputStream in = http.getRequestBody()) {
                buffered = in.readNBytes(MAX_JSON_BODY + 1);
            } catch (IOException e) {
                throw new ApiException(400, "could not read the request body: " + e.getMessage());
            }
            if (buffered.length > MAX_JSON_BODY) {
                throw new ApiException(413, "request body larger than " + MAX_JSON_BODY + " bytes");
            }
        }
        return buffered;
    }

    /** The body as a JSON tree; 400 when it is not JSON, 413 when it is too large. */
    public JsonNode jsonBody() {
        try (InputStream in = bodyStream()) {
            byte[] body = in.readNBytes(MAX_JSON_BODY + 1);
            if (body.length > MAX_JSON_BODY) {
                throw new ApiException(413, "request body larger than " + MAX_JSON_BODY + " bytes");
            }
            if (body.length == 0) {
                throw new ApiException(400, "request body must be a JSON object");
            }
            return Json.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new ApiException(400, "request body is not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    public <T> T body(Class<T> type) {
        JsonNode node = jsonBody();
        try {
            return Json.MAPPER.treeToValue(node, type);
        } catch (IOException e) {
            throw new ApiException(400, "request body does not match " + type.getSimpleName() + ": "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    public void json(int status, Object value) throws IOException {
        byte[] bytes = Json.bytes(value);
        http.getResponseHeaders().set("Content-Type", "application/json");
        http.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = http.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** The raw request body, for uploads that must be streamed rather than buffered. */
    public InputStream bodyStream() {
        return buffered != null ? new java.io.ByteArrayInputStream(buffered) : http.getRequestBody();
    }

    /** Starts a chunked response of unknown length; the caller writes and closes the stream. */
    public OutputStream stream(int status, String contentType) throws IOException {
        http.getResponseHeaders().set("Content-Type", contentType);
        http.getResponseHeaders().set("Cache-Control", "no-store");
        http.sendResponseHeaders(status, 0);
        return http.getResponseBody();
    }

    public void header(String name, String value) {
        http.getResponseHeaders().set(name, value);
    }

    public void noContent() throws IOException {
        http.sendResponseHeaders(204, -1);
        http.close();
    }

    public void text(int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        http.getResponseHeaders().set("Content-Type", contentType);
        http.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = http.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** The request's path as sent (still percent-encoded). */
    public String path() {
        return http.getRequestURI().getRawPath();
    }

    /** The request's query string as sent, or null. */
    public String rawQuery() {
        return http.getRequestURI().getRawQuery();
    }

    /** Answers bytes as they are; with no body (null) for statuses that have none, such as 304. */
    public void bytes(int status, String contentType, byte[] body) throws IOException {
        if (contentType != null) {
            http.getResponseHeaders().set("Content-Type", contentType);
        }
        if (body == null) {
            http.sendResponseHeaders(status, -1);
            http.close();
            return;
        }
        http.sendResponseHeaders(status, body.length);
        try (OutputStream out = http.getResponseBody()) {
            out.write(body);
        }
    }

    HttpExchange raw() {
        return http;
    }

    private static Map<String, String> parseQuery(String raw) {
        Map<String, String> q = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return q;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            q.putIfAbsent(k, v);
        }
        return q;
    }
}
