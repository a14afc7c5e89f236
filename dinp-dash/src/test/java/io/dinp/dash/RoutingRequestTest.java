package io.dinp.dash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dinp.common.Json;
import io.dinp.common.http.ApiException;
import io.dinp.model.FieldError;
import io.dinp.model.RouteOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RoutingRequestTest {
    static RouteOptions parse(String json) throws Exception {
        return RoutingRequest.parse(Json.MAPPER.readTree(json));
    }

    static ApiException refused(String json) {
        return (ApiException) org.assertj.core.api.Assertions.catchThrowable(() -> parse(json));
    }

    @Test
    void everyFieldIsRead() throws Exception {
        assertThat(parse("{\"stickySessions\": true, \"maxBodyBytes\": 1048576, \"httpsRedirect\": true}"))
                .isEqualTo(new RouteOptions(true, 1024 * 1024, true));
        assertThat(parse("{\"maxBodyBytes\": 68719476736}").maxBodyBytes()).isEqualTo(64L * 1024 * 1024 * 1024);
    }

    @Test
    void aFieldLeftOutTakesItsDefault() throws Exception {
        assertThat(parse("{}")).isEqualTo(RouteOptions.DEFAULTS);
        assertThat(parse("{\"httpsRedirect\": true}")).isEqualTo(new RouteOptions(false, 0, true));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"stickySessions\": \"yes\"}             | stickySessions | true or false",
            "{\"stickySessions\": null}                | stickySessions | true or false",
            "{\"httpsRedirect\": 1}                    | httpsRedirect  | true or false",
            "{\"maxBodyBytes\": \"1k\"}                | maxBodyBytes   | whole number",
            "{\"maxBodyBytes\": 2048.5}                | maxBodyBytes   | whole number",
            "{\"maxBodyBytes\": 99999999999999999999}  | maxBodyBytes   | whole number",
            "{\"maxBodyBytes\": 1023}                  | maxBodyBytes   | 64 GiB",
            "{\"maxBodyBytes\": -1}                    | maxBodyBytes   | 64 GiB",
            "{\"maxBodyBytes\": 68719476737}           | maxBodyBytes   | 64 GiB",
            "{\"sticky\": true}                        | sticky         | not a known field"})
    void eachBadFieldIsNamed(String json, String field, String reason) {
        ApiException e = refused(json);
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.errors()).singleElement().satisfies(f -> {
            assertThat(f.field()).isEqualTo(field);
            assertThat(f.reason()).contains(reason);
        });
        assertThat(e.getMessage()).contains(field);
    }

    @Test
    void everyErrorIsReportedAtOnce() {
        ApiException e = refused("{\"stickySessions\": 1, \"maxBodyBytes\": 5, \"colour\": \"red\"}");
        assertThat(e.errors()).extracting(FieldError::field)
                .containsExactlyInAnyOrder("stickySessions", "maxBodyBytes", "colour");
    }

    @Test
    void aBodyThatIsNoObjectIsRefused() {
        assertThatThrownBy(() -> parse("[]")).isInstanceOf(ApiException.class).hasMessageContaining("JSON object");
        assertThatThrownBy(() -> RoutingRequest.parse(null)).isInstanceOf(ApiException.class);
    }
}
