package io.dinp.dash.web;

import io.dinp.common.http.ApiException;
import io.dinp.common.http.Exchange;
import io.dinp.common.http.HttpApi;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The web dashboard, served by dash next to the API it calls: one HTML shell per page and static
 * script and style files. Pages go only to a signed-in session (others are sent to the login
 * page); the data comes from the public API, which authorizes every call again. No route here
 * changes anything.
 */
public final class WebUi {
    private final HttpApi.Authenticator auth;
    private final WebAssets assets = new WebAssets();
    private final Map<String, WebAsset> rendered = new ConcurrentHashMap<>();

    /** @param auth the API's own authenticator: a page is served to whoever the API would answer */
    public WebUi(HttpApi.Authenticator auth) {
        this.auth = auth;
    }

    public void register(HttpApi api) {
        api.open("GET", "/", ex -> redirect(ex, "/apps"));
        for (WebPage page : WebPage.ALL) {
            api.open("GET", page.path(), ex -> page(ex, page));
        }
        api.open("GET", "/static/{file}", ex -> {
            WebAsset a = assets.staticFile(ex.param("file"))
                    .orElseThrow(() -> new ApiException(404, "no such file: " + ex.param("file")));
            send(ex, a, "no-cache");
        });
    }

    private void page(Exchange ex, WebPage page) throws Exception {
        if (page.signedIn() && !signedIn(ex)) {
            redirect(ex, "/login?next=" + URLEncoder.encode(requestTarget(ex), StandardCharsets.UTF_8));
            return;
        }
        WebAsset html = rendered.computeIfAbsent(page.path(), p -> {
            byte[] body = page.render(new String(assets.template("shell.html").body(), StandardCharsets.UTF_8))
                    .getBytes(StandardCharsets.UTF_8);
            return new WebAsset(body, "text/html; charset=utf-8", WebAssets.etag(body));
        });
        // pages are for the signed-in only: no shared cache may keep them
        send(ex, html, "no-store");
    }

    private boolean signedIn(Exchange ex) throws Exception {
        try {
            auth.authenticate(ex);
            return true;
        } catch (ApiException e) {
            if (e.status() == 401) {
                return false;
            }
            throw e;
        }
    }

    private static String requestTarget(Exchange ex) {
        String q = ex.rawQuery();
        return ex.path() + (q == null ? "" : "?" + q);
    }

    private static void send(Exchange ex, WebAsset a, String cacheControl) throws Exception {
        SecurityHeaders.apply(ex);
        ex.header("Cache-Control", cacheControl);
        ex.header("ETag", a.etag());
        if (a.matches(ex.header("If-None-Match"))) {
            ex.bytes(304, null, null);
            return;
        }
        ex.bytes(200, a.contentType(), a.body());
    }

    private static void redirect(Exchange ex, String location) throws Exception {
        SecurityHeaders.apply(ex);
        ex.header("Location", location);
        ex.header("Cache-Control", "no-store");
        ex.bytes(303, "text/plain; charset=utf-8", ("see " + location + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
