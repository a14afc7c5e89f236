package io.dinp.hm;

import io.dinp.model.HealthSettings;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CheckEvaluatorTest {
    private static final Duration L = Duration.ofMillis(7);
    private static final HealthSettings OK_BODY = HealthSettings.DEFAULTS.withBodyContains("ok");

    @ParameterizedTest
    @CsvSource({"100, false", "199, false", "200, true", "204, true", "302, true", "399, true", "400, false", "500, false", "503, false"})
    void statusMustBeInRange(int status, boolean passes) {
        CheckResult r = CheckEvaluator.evaluate(status, null, L, HealthSettings.DEFAULTS);
        assertThat(r.passed()).isEqualTo(passes);
        assertThat(r.status()).isEqualTo(status);
        assertThat(r.latency()).isEqualTo(L);
        if (!passes) {
            assertThat(r.error()).isEqualTo("status " + status + ", expected 200-399");
        }
    }

    @Test
    void aCustomRangeIsHonoured() {
        HealthSettings s = HealthSettings.DEFAULTS.withStatusRange(200, 200);
        assertThat(CheckEvaluator.evaluate(200, null, L, s).passed()).isTrue();
        assertThat(CheckEvaluator.evaluate(204, null, L, s).error()).isEqualTo("status 204, expected 200-200");
    }

    @Test
    void withoutASubstringAnyBodyPasses() {
        assertThat(CheckEvaluator.evaluate(200, bytes("down"), L, HealthSettings.DEFAULTS))
                .isEqualTo(CheckResult.pass(200, L));
    }

    @Test
    void theBodyMustContainTheSubstring() {
        assertThat(CheckEvaluator.evaluate(200, bytes("{\"status\":\"ok\"}"), L, OK_BODY)).isEqualTo(CheckResult.pass(200, L));
        assertThat(CheckEvaluator.evaluate(200, bytes("not ready"), L, OK_BODY))
                .isEqualTo(CheckResult.fail(200, "status 200 but the body does not contain \"ok\" in its first 4096 bytes", L));
        assertThat(CheckEvaluator.evaluate(200, null, L, OK_BODY).passed()).isFalse();
        assertThat(CheckEvaluator.evaluate(200, new byte[0], L, OK_BODY).passed()).isFalse();
    }

    @Test
    void aBadStatusIsReportedEvenWhenTheBodyMatches() {
        assertThat(CheckEvaluator.evaluate(500, bytes("ok"), L, OK_BODY).error()).isEqualTo("status 500, expected 200-399");
    }

    @Test
    void onlyTheFirst4096BytesCount() {
        byte[] body = new byte[HealthSettings.MAX_BODY_BYTES + 10];
        Arrays.fill(body, (byte) ' ');
        body[HealthSettings.MAX_BODY_BYTES - 2] = 'o';
        body[HealthSettings.MAX_BODY_BYTES - 1] = 'k';
        assertThat(CheckEvaluator.evaluate(200, body, L, OK_BODY).passed()).isTrue();
        body[HealthSettings.MAX_BODY_BYTES - 2] = ' ';
        body[HealthSettings.MAX_BODY_BYTES - 1] = 'o';
        body[HealthSettings.MAX_BODY_BYTES] = 'k';
        assertThat(CheckEvaluator.evaluate(200, body, L, OK_BODY).passed()).isFalse();
    }

    @Test
    void substringsAreMatchedAsUtf8() {
        HealthSettings s = HealthSettings.DEFAULTS.withBodyContains("prêt");
        assertThat(CheckEvaluator.evaluate(200, bytes("état: prêt"), L, s).passed()).isTrue();
        assertThat(CheckEvaluator.evaluate(200, "état: prêt".getBytes(StandardCharsets.ISO_8859_1), L, s).passed()).isFalse();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
