package io.dinp.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.dinp.common.Json;
import io.dinp.model.Backend;
import io.dinp.model.RouteTable;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Requests the router answers itself, driven through the handler without sockets. */
class FrontendHandlerTest {
    private final RouteTableHolder routes = new RouteTableHolder();
    private final AtomicBoolean sourceConnected = new AtomicBoolean(true);
    private final RouterConfig config = RouterConfig.defaults();
    private final ClientTimeouts timeouts = new ClientTimeouts(config.clientIdleTimeout(), config.requestHeadTimeout());
    private final EmbeddedChannel channel = new EmbeddedChannel(timeouts, new FrontendHandler(new ProxyContext(config, routes,
            new BackendConnector(Transport.detect(), config,
                    new BackendEjections(config.ejectFor(), System::nanoTime)), sourceConnected::get), timeouts,
            FrontendInitializer.HTTP));

    @AfterEach
    void tearDown() {
        channel.finishAndReleaseAll();
    }

    private FullHttpResponse send(String host, String uri) {
        HttpRequest request = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, uri);
        if (host != null) {
            request.headers().set(HttpHeaderNames.HOST, host);
        }
        channel.writeInbound(request, LastHttpContent.EMPTY_LAST_CONTENT);
        FullHttpResponse response = channel.readOutbound();
        assertThat(response).as("response to %s %s", host, uri).isNotNull();
        return response;
    }

    private static String body(FullHttpResponse response) {
        try {
            return response.content().toString(StandardCharsets.UTF_8);
        } finally {
            response.release();
        }
    }

    @Test
    void unknownAppGets404NamingTheHost() {
        FullHttpResponse response = send("nope.apps.localhost:8080", "/");

        assertThat(response.status().code()).isEqualTo(404);
        assertThat(response.headers().get(HttpHeaderNames.CONTENT_TYPE)).startsWith("text/html");
        assertThat(body(response)).contains("No app is bound to the host nope.apps.localhost");
        assertThat(channel.isOpen()).isTrue();
    }

    @Test
    void knownAppWithoutInstancesGets503() {
        routes.replace(new RouteTable(3, Map.of("idle", List.of())));
        FullHttpResponse response = send("idle.apps.localhost", "/");
        assertThat(response.status().code()).isEqualTo(503);
        assertThat(body(response)).contains("idle").contains("no running instance");
        assertThat(channel.isOpen()).isTrue();
    }

    @Test
    void hostOutsideTheAppsDomainGets404() {
        assertThat(send("example.com", "/").status().code()).isEqualTo(404);
    }

    @Test
    void pageTextIsEscaped() {
        FullHttpResponse response = LocalResponses.page(io.netty.handler.codec.http.HttpResponseStatus.NOT_FOUND,
                "<script>alert(1)</script>");

        assertThat(body(response)).doesNotContain("<script>").contains("&lt;script&gt;");
    }

    @Test
    void missingHostGets400AndTheConnectionIsClosed() {
        FullHttpResponse response = send(null, "/");

        assertThat(response.status().code()).isEqualTo(400);
        assertThat(response.headers().get(HttpHeaderNames.CONNECTION)).isEqualTo("close");
        response.release();
        channel.runPendingTasks();
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void invalidHostGets400AndTheConnectionIsClosed() {
        assertThat(body(send("a b", "/"))).contains("Host header is not a valid host name");
        channel.runPendingTasks();
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void healthzOnTheRoutersOwnHostReportsRoutesAndSource() throws Exception {
        routes.replace(new RouteTable(42, Map.of("web", List.of(new Backend("w1", "127.0.0.1", 1)))));
        sourceConnected.set(false);

        FullHttpResponse response = send("localhost:8080", "/healthz");

        assertThat(response.status().code()).isEqualTo(200);
        Map<String, Object> json = Json.MAPPER.readValue(body(response),
                new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() { });
        assertThat(json).containsEntry("status", "ok").containsEntry("routes", 1).containsEntry("version", 42)
                .containsEntry("routeSource", "disconnected");
    }

    @Test
    void healthzOnAnAppHostIsNotAnsweredByTheRouter() {
        assertThat(send("nope.apps.localhost", "/healthz").status().code()).isEqualTo(404);
    }

    @Test
    void connectionCloseFromTheClientIsHonoured() {
        HttpRequest request = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/");
        request.headers().set(HttpHeaderNames.HOST, "nope.apps.localhost");
        request.headers().set(HttpHeaderNames.CONNECTION, "close");
        channel.writeInbound(request, LastHttpContent.EMPTY_LAST_CONTENT);
        FullHttpResponse response = channel.readOutbound();

        assertThat(response.headers().get(HttpHeaderNames.CONNECTION)).isEqualTo("close");
        response.release();
        channel.runPendingTasks();
        assertThat(channel.isOpen()).isFalse();
    }
}
