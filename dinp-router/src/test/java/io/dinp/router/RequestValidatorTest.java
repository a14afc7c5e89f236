package io.dinp.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What a request that passed the checks looks like when the router forwards it. */
class RequestValidatorTest {
    private static HttpRequest request(String uri) {
        HttpRequest r = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, uri);
        r.headers().set(HttpHeaderNames.HOST, "web.apps.localhost");
        return r;
    }

    @ParameterizedTest
    @CsvSource({
            "http://web.apps.localhost/a/b?c=d, /a/b?c=d",
            "HTTPS://WEB.apps.localhost:8443?q, /?q",
            "http://web.apps.localhost, /",
            "/already/origin?x, /already/origin?x"})
    void absoluteFormIsForwardedInOriginForm(String target, String forwarded) {
        HttpRequest r = request(target);
        assertThat(RequestValidator.check(r, RouterConfig.defaults())).isNull();

        RequestValidator.normalize(r);

        assertThat(r.uri()).isEqualTo(forwarded);
    }

    @Test
    void framingIsForwardedAsParsed() {
        HttpRequest chunked = request("/");
        chunked.headers().set(HttpHeaderNames.TRANSFER_ENCODING, "Chunked");
        HttpRequest sized = request("/");
        sized.headers().set(HttpHeaderNames.CONTENT_LENGTH, "007");

        RequestValidator.normalize(chunked);
        RequestValidator.normalize(sized);

        assertThat(chunked.headers().get(HttpHeaderNames.TRANSFER_ENCODING)).isEqualTo("chunked");
        assertThat(sized.headers().get(HttpHeaderNames.CONTENT_LENGTH)).isEqualTo("7");
    }

    @Test
    void asteriskIsForOptionsOnly() {
        HttpRequest options = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.OPTIONS, "*");
        options.headers().set(HttpHeaderNames.HOST, "web.apps.localhost");

        assertThat(RequestValidator.check(options, RouterConfig.defaults())).isNull();
        assertThat(RequestValidator.check(request("*"), RouterConfig.defaults()).status().code()).isEqualTo(400);
    }
}
