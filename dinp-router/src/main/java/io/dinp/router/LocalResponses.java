package io.dinp.router;

import io.dinp.common.Json;
import io.dinp.model.RouteTable;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Responses the router writes itself: error pages and its health report. */
final class LocalResponses {
    private LocalResponses() {
    }

    /** An HTML page explaining what went wrong; {@code message} is plain text and gets escaped. */
    static FullHttpResponse page(HttpResponseStatus status, String message) {
        String title = status.code() + " " + status.reasonPhrase();
        String html = "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>" + escape(title)
                + "</title></head>\n<body><h1>" + escape(title) + "</h1>\n<p>" + escape(message)
                + "</p>\n<hr><p>dinp router</p></body></html>\n";
        return response(status, "text/html; charset=utf-8", html);
    }

    /**
     * A 308 Permanent Redirect to {@code location}: unlike 301, the client repeats the same method
     * and body there.
     */
    static FullHttpResponse redirect(String location) {
        FullHttpResponse r = page(HttpResponseStatus.PERMANENT_REDIRECT, "This app is served over HTTPS: " + location);
        r.headers().set(HttpHeaderNames.LOCATION, location);
        return r;
    }

    static FullHttpResponse health(RouteTableHolder routes, boolean routeSourceConnected) {
        return response(HttpResponseStatus.OK, "application/json", healthJson(routes, routeSourceConnected));
    }

    /** The /healthz body: routes, table version, whether the route source is reachable, propagation lag. */
    static String healthJson(RouteTableHolder routes, boolean routeSourceConnected) {
        RouteTable table = routes.table();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "ok");
        body.put("routes", table.apps().size());
        body.put("version", table.version());
        body.put("routeSource", routeSourceConnected ? "connected" : "disconnected");
        body.put("propagation", routes.propagation().summary());
        return Json.write(body);
    }

    private static FullHttpResponse response(HttpResponseStatus status, String type, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(bytes));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, type);
        r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
        r.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        return r;
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
