package io.dinp.dash.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The dashboard's files, read from the classpath ({@code io/dinp/dash/web/}) once and kept.
 * Only plain names of known types are looked up, so no request can name anything else on the
 * classpath.
 */
final class WebAssets {
    private static final String ROOT = "/io/dinp/dash/web/";
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}\\.(js|css|svg|html)");
    private static final Map<String, String> TYPES = Map.of(
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml",
            "html", "text/html; charset=utf-8");

    private final Map<String, Optional<WebAsset>> cache = new ConcurrentHashMap<>();

    /** A file of {@code static/}, or empty when there is none of that name. */
    Optional<WebAsset> staticFile(String name) {
        return name != null && NAME.matcher(name).matches() ? load("static/" + name) : Optional.empty();
    }

    /** A page template; it must exist (a missing one is a packaging error). */
    WebAsset template(String name) {
        return load(name).orElseThrow(() -> new IllegalStateException("dashboard template " + name + " is not on the classpath"));
    }

    private Optional<WebAsset> load(String path) {
        return cache.computeIfAbsent(path, p -> {
            try (InputStream in = WebAssets.class.getResourceAsStream(ROOT + p)) {
                if (in == null) {
                    return Optional.empty();
                }
                byte[] body = in.readAllBytes();
                String ext = p.substring(p.lastIndexOf('.') + 1);
                return Optional.of(new WebAsset(body, TYPES.get(ext), etag(body)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read dashboard file " + p, e);
            }
        });
    }

    static String etag(byte[] body) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(body);
            return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(d).substring(0, 22) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }
}
