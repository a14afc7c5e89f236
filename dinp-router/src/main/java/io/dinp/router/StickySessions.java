package io.dinp.router;

import io.dinp.model.Backend;
import io.dinp.model.RouteTable;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Cookie-based session affinity for apps that turn it on: the {@value #COOKIE} cookie names the
 * instance that answered, and the next request carrying it goes to that instance while it is
 * in the table and not ejected.
 *
 * <p>The cookie's value is a digest of the app and the instance id, never the instance's address
 * or id: it says nothing about the cluster. It is deliberately not keyed with a secret of this
 * router: every router behind the same DNS name or LVS must read the same cookie the same way.
 * A client forging one can only pick among the app's own serving instances.
 */
final class StickySessions {
    static final String COOKIE = "dinp_sticky";
    private static final byte[] CONTEXT = "dinp-sticky-v1\0".getBytes(StandardCharsets.US_ASCII);

    private StickySessions() {
    }

    /** The cookie value that pins a client of {@code app} to {@code backend}'s instance: 16 URL-safe characters. */
    static String idOf(String app, Backend backend) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        sha.update(CONTEXT);
        sha.update(app.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
        sha.update(backend.instanceId().getBytes(StandardCharsets.UTF_8));
        byte[] digest = sha.digest();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(digest, 12));
    }

    /** For each app that has sticky sessions on: cookie value → its backend. Built once per table. */
    static Map<String, Map<String, Backend>> index(RouteTable table) {
        Map<String, Map<String, Backend>> index = new HashMap<>();
        table.options().forEach((app, options) -> {
            if (options.stickySessions()) {
                Map<String, Backend> byId = new HashMap<>();
                for (Backend b : table.backends(app)) {
                    byId.put(idOf(app, b), b);
                }
                index.put(app, Collections.unmodifiableMap(byId));
            }
        });
        return Collections.unmodifiableMap(index);
    }

    /** The value of the request's {@value #COOKIE} cookie, or null when it has none. */
    static String requested(HttpRequest request) {
        for (String header : request.headers().getAll(HttpHeaderNames.COOKIE)) {
            for (Cookie c : ServerCookieDecoder.LAX.decodeAll(header)) {
                if (COOKIE.equals(c.name())) {
                    return c.value();
                }
            }
        }
        return null;
    }

    /** {@code candidates} with {@code pinned} first, the others after it in their order, at most {@code max}. */
    static List<Backend> pinFirst(Backend pinned, List<Backend> candidates, int max) {
        List<Backend> out = new ArrayList<>(Math.min(max, candidates.size() + 1));
        out.add(pinned);
        for (Backend b : candidates) {
            if (out.size() >= max) {
                break;
            }
            if (!b.equals(pinned)) {
                out.add(b);
            }
        }
        return out;
    }

    /** The Set-Cookie value pinning the client to the instance {@code id} names. */
    static String setCookie(String id, boolean secure) {
        return COOKIE + "=" + id + "; Path=/; HttpOnly; SameSite=Lax" + (secure ? "; Secure" : "");
    }

    /**
     * What one request of a sticky app needs to pin its client: once the response comes, from
     * whichever instance (a retry may have moved it), the cookie is set unless it already names it.
     *
     * @param requested the cookie value the request carried, or null
     * @param secure    the client came over TLS: the cookie is sent back only over TLS
     */
    record Pin(String app, String requested, boolean secure) {
        void stamp(HttpResponse response, Backend served) {
            String id = idOf(app, served);
            if (!id.equals(requested)) {
                response.headers().add(HttpHeaderNames.SET_COOKIE, setCookie(id, secure));
            }
        }
    }
}
