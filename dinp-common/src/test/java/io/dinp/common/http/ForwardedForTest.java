package io.dinp.common.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.dinp.model.access.Caller;
import io.dinp.model.access.TrustedProxies;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The caller's address behind a load balancer, over real HTTP from 127.0.0.1. */
class ForwardedForTest {
    private HttpApi api;

    @AfterEach
    void close() {
        if (api != null) {
            api.close();
        }
    }

    private String addressSeen(TrustedProxies trusted, String... forwardedFor) throws Exception {
        api = new HttpApi(ex -> Caller.cluster()).trustForwardedFor(trusted);
        api.open("GET", "/who", ex -> ex.json(200, Map.of("address", ex.remoteAddress())));
        int port = api.start("127.0.0.1", 0);
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/who"));
        for (String h : forwardedFor) {
            req.header("X-Forwarded-For", h);
        }
        String body = HttpClient.newHttpClient().send(req.build(), HttpResponse.BodyHandlers.ofString()).body();
        api.close();
        api = null;
        return body.replaceAll(".*\"address\"\\s*:\\s*\"([^\"]*)\".*", "$1");
    }

    @Test
    void fromATrustedProxyTheClientItNamesIsTheCaller() throws Exception {
        assertThat(addressSeen(TrustedProxies.parse("--trusted-proxy", "127.0.0.0/8"), "198.51.100.1, 203.0.113.9"))
                .isEqualTo("203.0.113.9");
        assertThat(addressSeen(TrustedProxies.parse("--trusted-proxy", "127.0.0.1,10.0.0.0/8"), "203.0.113.9", "10.1.1.1"))
                .as("a second proxy of ours in between").isEqualTo("203.0.113.9");
    }

    @Test
    void fromAnyoneElseTheHeaderIsIgnored() throws Exception {
        assertThat(addressSeen(TrustedProxies.parse("--trusted-proxy", "10.0.0.0/8"), "203.0.113.9")).isEqualTo("127.0.0.1");
        assertThat(addressSeen(TrustedProxies.NONE, "203.0.113.9")).isEqualTo("127.0.0.1");
        assertThat(addressSeen(TrustedProxies.parse("--trusted-proxy", "127.0.0.1"))).as("no header").isEqualTo("127.0.0.1");
    }
}
