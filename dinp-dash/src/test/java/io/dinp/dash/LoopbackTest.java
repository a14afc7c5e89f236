package io.dinp.dash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LoopbackTest {
    @Test
    void onlyAddressesOfThisMachineAreLoopback() {
        assertThat(Loopback.is("127.0.0.1")).isTrue();
        assertThat(Loopback.is("127.1.2.3")).isTrue();
        assertThat(Loopback.is("::1")).isTrue();
        assertThat(Loopback.is("localhost")).isTrue();
        assertThat(Loopback.is("0.0.0.0")).isFalse();
        assertThat(Loopback.is("::")).isFalse();
        assertThat(Loopback.is("10.0.0.1")).isFalse();
        assertThat(Loopback.is("")).isFalse();
    }

    @Test
    void theApiRefusesPlainHttpBeyondLoopback() {
        assertThatThrownBy(() -> new DashConfig("0.0.0.0", 7070, "apps.test", 80)).hasMessageContaining("HTTPS only");
        assertThat(new DashConfig("127.0.0.1", 7070, "apps.test", 80).secureCookies()).isFalse();
    }
}
