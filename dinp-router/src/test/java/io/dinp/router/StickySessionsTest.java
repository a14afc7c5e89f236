package io.dinp.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.dinp.model.Backend;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.util.List;
import org.junit.jupiter.api.Test;

class StickySessionsTest {
    static final Backend A = new Backend("83cfabb062", "10.0.0.5", 32791);
    static final Backend B = new Backend("0c1d2e3f40", "10.0.0.6", 32792);
    static final Backend C = new Backend("99aa88bb77", "10.0.0.7", 32793);

    private static HttpRequest withCookies(String... headers) {
        HttpRequest r = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/");
        for (String h : headers) {
            r.headers().add(HttpHeaderNames.COOKIE, h);
        }
        return r;
    }

    @Test
    void theCookieValueIsAStableOpaqueIdOfTheAppsInstance() {
        String id = StickySessions.idOf("web", A);
        assertThat(id).hasSize(16).matches("[A-Za-z0-9_-]+");
        assertThat(StickySessions.idOf("web", new Backend(A.instanceId(), "10.9.9.9", 1)))
                .as("the same on every router, whatever the address").isEqualTo(id);
        assertThat(StickySessions.idOf("web", B)).isNotEqualTo(id);
        assertThat(StickySessions.idOf("api", A)).as("per app").isNotEqualTo(id);
        assertThat(id).doesNotContain(A.instanceId(), "10.0.0.5", "32791");
    }

    @Test
    void theCookieIsFoundAmongOthersAndAcrossCookieHeaders() {
        assertThat(StickySessions.requested(withCookies("a=1; dinp_sticky=abc; b=2"))).isEqualTo("abc");
        assertThat(StickySessions.requested(withCookies("a=1", "dinp_sticky=xyz"))).isEqualTo("xyz");
        assertThat(StickySessions.requested(withCookies("a=1; dinp_stickyish=no"))).isNull();
        assertThat(StickySessions.requested(withCookies())).isNull();
        assertThat(StickySessions.requested(withCookies(";;=; dinp_sticky=ok"))).isEqualTo("ok");
    }

    @Test
    void thePinnedBackendGoesFirstAndTheListKeepsItsLength() {
        assertThat(StickySessions.pinFirst(C, List.of(A, B, C), 3)).containsExactly(C, A, B);
        assertThat(StickySessions.pinFirst(C, List.of(A, B), 2)).containsExactly(C, A);
        assertThat(StickySessions.pinFirst(A, List.of(A, B), 4)).containsExactly(A, B);
        assertThat(StickySessions.pinFirst(A, List.of(), 4)).containsExactly(A);
    }

    @Test
    void aResponseSetsTheCookieOnlyWhenTheClientIsNotPinnedToItsInstanceYet() {
        HttpResponse fresh = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        fresh.headers().add(HttpHeaderNames.SET_COOKIE, "session=app-own");
        new StickySessions.Pin("web", null, false).stamp(fresh, A);
        assertThat(fresh.headers().getAll(HttpHeaderNames.SET_COOKIE)).containsExactly("session=app-own",
                "dinp_sticky=" + StickySessions.idOf("web", A) + "; Path=/; HttpOnly; SameSite=Lax");

        HttpResponse moved = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        new StickySessions.Pin("web", StickySessions.idOf("web", A), true).stamp(moved, B);
        assertThat(moved.headers().get(HttpHeaderNames.SET_COOKIE))
                .isEqualTo("dinp_sticky=" + StickySessions.idOf("web", B) + "; Path=/; HttpOnly; SameSite=Lax; Secure");

        HttpResponse same = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        new StickySessions.Pin("web", StickySessions.idOf("web", A), true).stamp(same, A);
        assertThat(same.headers().contains(HttpHeaderNames.SET_COOKIE)).isFalse();
    }
}
