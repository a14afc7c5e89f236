package io.dinp.hm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CheckRequestTest {
    @Test
    void aGetWithHostAndUserAgentKeptAlive() {
        assertThat(new String(CheckRequest.bytes("/healthz?full=1", "10.0.0.7", 8080), StandardCharsets.UTF_8))
                .isEqualTo("GET /healthz?full=1 HTTP/1.1\r\nHost: 10.0.0.7:8080\r\nUser-Agent: dinp-hm\r\n"
                        + "Accept: */*\r\n\r\n");
    }

    @Test
    void anIpv6HostIsBracketedInTheHostHeader() {
        assertThat(new String(CheckRequest.bytes("/", "fd00::7", 80), StandardCharsets.UTF_8))
                .contains("\r\nHost: [fd00::7]:80\r\n");
    }
}
