package io.dinp.router;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class HostNamesTest {

    @ParameterizedTest
    @CsvSource({
            "hello.apps.localhost, hello.apps.localhost",
            "Hello.Apps.LocalHost:8080, hello.apps.localhost",
            "hello.apps.localhost., hello.apps.localhost",
            "hello.apps.localhost.:80, hello.apps.localhost",
            "127.0.0.1:8080, 127.0.0.1",
            "localhost, localhost",
            "[::1]:8080, [::1]",
            "[::1], [::1]",
    })
    void normalizes(String header, String expected) {
        assertThat(HostNames.normalize(header)).isEqualTo(expected);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "a b", "a..b", "host:", "host:abc", "host:123456", "::1", "[::1",
            "[::1]x", "user@host", "host/path", ".", "a.b:1:2", "[::g]", "host:\u0661\u0662", "a.b..",
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.example.com"})
    void rejectsWhatIsNotAHost(String header) {
        assertThat(HostNames.normalize(header)).isNull();
    }

    @ParameterizedTest
    @CsvSource({
            "hello.apps.localhost, hello",
            "my-app2.apps.localhost, my-app2",
    })
    void findsTheAppOfAnAppsDomainHost(String host, String app) {
        assertThat(HostNames.appOf(host, "apps.localhost")).isEqualTo(app);
    }

    @ParameterizedTest
    @ValueSource(strings = {"apps.localhost", "localhost", "a.b.apps.localhost", "-x.apps.localhost",
            "x-.apps.localhost", "helloapps.localhost", "hello.apps.localhost.evil.com", "127.0.0.1", "[::1]",
            ".apps.localhost", "a_b.apps.localhost"})
    void findsNoAppOtherwise(String host) {
        assertThat(HostNames.appOf(host, "apps.localhost")).isNull();
    }
}
