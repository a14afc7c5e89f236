package io.dinp.common.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HttpApiMetricsTest {
    @Test
    void statusesFallInTheirClass() {
        assertThat(HttpApi.statusClass(200)).isEqualTo("2xx");
        assertThat(HttpApi.statusClass(204)).isEqualTo("2xx");
        assertThat(HttpApi.statusClass(404)).isEqualTo("4xx");
        assertThat(HttpApi.statusClass(503)).isEqualTo("5xx");
        assertThat(HttpApi.statusClass(101)).isEqualTo("1xx");
        assertThat(HttpApi.statusClass(-1)).isEqualTo("-");
        assertThat(HttpApi.statusClass(600)).isEqualTo("-");
    }
}
