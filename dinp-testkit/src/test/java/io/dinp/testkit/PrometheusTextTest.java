package io.dinp.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PrometheusTextTest {
    private static final String TEXT = """
            # HELP dinp_x_total things
            # TYPE dinp_x_total counter
            dinp_x_total{result="up",app="a"} 3.0
            dinp_x_total{result="down",app="a"} 2.0
            dinp_y_seconds_bucket{le="+Inf"} 7
            dinp_z 1.5E3
            dinp_q{s="a \\"b\\", c"} NaN
            """;

    @Test
    void samplesAreFoundByNameAndLabelsInAnyOrder() {
        PrometheusText p = PrometheusText.parse(TEXT);
        assertThat(p.value("dinp_x_total", "app", "a", "result", "up")).isEqualTo(3.0);
        assertThat(p.value("dinp_x_total", "result", "down", "app", "a")).isEqualTo(2.0);
        assertThat(p.value("dinp_y_seconds_bucket", "le", "+Inf")).isEqualTo(7.0);
        assertThat(p.value("dinp_z")).isEqualTo(1500.0);
        assertThat(p.value("dinp_q", "s", "a \"b\", c")).isNaN();
    }

    @Test
    void absentSeriesAreNullAndSumsAddEveryLabelSet() {
        PrometheusText p = PrometheusText.parse(TEXT);
        assertThat(p.value("dinp_x_total")).isNull();
        assertThat(p.value("dinp_x_total", "result", "up")).isNull();
        assertThat(p.sum("dinp_x_total")).isEqualTo(5.0);
        assertThat(p.sum("nothing")).isNull();
        assertThat(p.has("dinp_z")).isTrue();
        assertThat(p.has("dinp")).isFalse();
    }

    @Test
    void aBadValueNamesItsLine() {
        assertThatThrownBy(() -> PrometheusText.parse("a 1\nb x\n")).hasMessageContaining("line 2");
    }
}
