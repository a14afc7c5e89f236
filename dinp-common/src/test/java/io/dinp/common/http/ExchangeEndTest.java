package io.dinp.common.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.dinp.model.access.Caller;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every request gets an answer and leaves its connection able to carry the next one, whatever the
 * handler did: a keep-alive client (a browser) otherwise waits for ever.
 */
class ExchangeEndTest {
    private HttpApi api;
    private int port;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeEach
    void start() throws IOException {
        api = new HttpApi(ex -> Caller.cluster());
        api.open("GET", "/fine", ex -> ex.json(200, Map.of("ok", true)));
        api.open("GET", "/unclosed", ex -> {
            // a whole fixed-length body, the stream never closed
            ex.raw().sendResponseHeaders(200, 2);
            ex.raw().getResponseBody().write("ok".getBytes(StandardCharsets.US_ASCII));
            ex.raw().getResponseBody().flush();
        });
        api.open("GET", "/broken-part", ex -> {
            throw new IOException("agent node-a did not answer");
        });
        port = api.start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aHandlerThatLeavesItsResponseOpenStillFreesTheConnectionForTheNextRequest() throws Exception {
        assertThat(get("/unclosed").body()).isEqualTo("ok");
        for (int i = 0; i < 3; i++) {
            assertThat(get("/fine").statusCode()).isEqualTo(200); // on the same kept-alive connection
        }
    }

    @Test
    void anIoFailureBeforeAnyAnswerIsAnsweredAsBadGatewayNotSilence() throws Exception {
        HttpResponse<String> r = get("/broken-part");
        assertThat(r.statusCode()).isEqualTo(502);
        assertThat(r.body()).contains("could not complete GET /broken-part").contains("agent node-a did not answer");
        assertThat(get("/fine").statusCode()).isEqualTo(200);
    }
}
