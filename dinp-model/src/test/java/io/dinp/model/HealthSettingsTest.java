package io.dinp.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dinp.model.FieldError;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HealthSettingsTest {
    private static final HealthSettings D = HealthSettings.DEFAULTS;

    @Test
    void defaultsDetectADeadInstanceWithin3Seconds() {
        assertThat(D.path()).isEqualTo("/");
        assertThat(D.minStatus()).isEqualTo(200);
        assertThat(D.maxStatus()).isEqualTo(399);
        assertThat(D.bodyContains()).isNull();
        assertThat(D.interval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(D.timeout()).isEqualTo(Duration.ofMillis(800));
        assertThat(D.rise()).isEqualTo(1);
        assertThat(D.fall()).isEqualTo(2);
        assertThat(D.startupGrace()).isEqualTo(Duration.ofSeconds(30));
        assertThat(D.detectionBound()).isLessThanOrEqualTo(Duration.ofSeconds(3));
        assertThat(D.fall()).as("one lost check never removes an instance").isGreaterThan(1);
    }

    @Test
    void nullPathMeansRootAndEmptyBodySubstringMeansNone() {
        HealthSettings s = new HealthSettings(null, 200, 399, "", Duration.ofSeconds(1), Duration.ofSeconds(2), 1, 2, Duration.ZERO);
        assertThat(s.path()).isEqualTo("/");
        assertThat(s.bodyContains()).isNull();
    }

    @Test
    void withersChangeOnlyTheirFields() {
        HealthSettings s = D.withPath("/healthz").withBodyContains("ok").withStatusRange(200, 299)
                .withTiming(Duration.ofMillis(500), Duration.ofSeconds(2)).withThresholds(3, 4)
                .withStartupGrace(Duration.ofMinutes(2));
        assertThat(s).isEqualTo(new HealthSettings("/healthz", 200, 299, "ok", Duration.ofMillis(500),
                Duration.ofSeconds(2), 3, 4, Duration.ofMinutes(2)));
        assertThat(s.detectionBound()).isEqualTo(Duration.ofMillis(8500));
    }

    @Test
    void statusPassesIsInclusive() {
        assertThat(D.statusPasses(199)).isFalse();
        assertThat(D.statusPasses(200)).isTrue();
        assertThat(D.statusPasses(399)).isTrue();
        assertThat(D.statusPasses(400)).isFalse();
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("path", (UnaryOperator<HealthSettings>) s -> s.withPath("health")),
                Arguments.of("path", (UnaryOperator<HealthSettings>) s -> s.withPath("/a b")),
                Arguments.of("minStatus", (UnaryOperator<HealthSettings>) s -> s.withStatusRange(99, 399)),
                Arguments.of("maxStatus", (UnaryOperator<HealthSettings>) s -> s.withStatusRange(200, 600)),
                Arguments.of("maxStatus", (UnaryOperator<HealthSettings>) s -> s.withStatusRange(300, 299)),
                Arguments.of("bodyContains", (UnaryOperator<HealthSettings>) s -> s.withBodyContains("é".repeat(129))),
                Arguments.of("timeout", (UnaryOperator<HealthSettings>) s -> s.withTiming(null, Duration.ofSeconds(1))),
                Arguments.of("timeout", (UnaryOperator<HealthSettings>) s -> s.withTiming(Duration.ofMillis(9), Duration.ofSeconds(1))),
                Arguments.of("timeout", (UnaryOperator<HealthSettings>) s -> s.withTiming(Duration.ofSeconds(2), Duration.ofSeconds(1))),
                Arguments.of("timeout", (UnaryOperator<HealthSettings>) s -> s.withTiming(Duration.ofSeconds(61), Duration.ofMinutes(2))),
                Arguments.of("interval", (UnaryOperator<HealthSettings>) s -> s.withTiming(Duration.ofMillis(50), Duration.ofMillis(99))),
                Arguments.of("interval", (UnaryOperator<HealthSettings>) s -> s.withTiming(Duration.ofSeconds(1), Duration.ofMinutes(11))),
                Arguments.of("interval", (UnaryOperator<HealthSettings>) s -> s.withTiming(Duration.ofSeconds(1), null)),
                Arguments.of("rise", (UnaryOperator<HealthSettings>) s -> s.withThresholds(0, 2)),
                Arguments.of("rise", (UnaryOperator<HealthSettings>) s -> s.withThresholds(101, 2)),
                Arguments.of("fall", (UnaryOperator<HealthSettings>) s -> s.withThresholds(1, 0)),
                Arguments.of("fall", (UnaryOperator<HealthSettings>) s -> s.withThresholds(1, -1)),
                Arguments.of("startupGrace", (UnaryOperator<HealthSettings>) s -> s.withStartupGrace(Duration.ofSeconds(-1))),
                Arguments.of("startupGrace", (UnaryOperator<HealthSettings>) s -> s.withStartupGrace(Duration.ofHours(2))),
                Arguments.of("startupGrace", (UnaryOperator<HealthSettings>) s -> s.withStartupGrace(null)));
    }

    @ParameterizedTest(name = "{0} #{index}")
    @MethodSource("invalid")
    void eachRuleRejectsNamingTheField(String field, UnaryOperator<HealthSettings> change) {
        assertThatThrownBy(() -> change.apply(D))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid health settings: " + field + ": ");
    }

    @Test
    void validateReportsEveryViolationOnce() {
        List<FieldError> errors = HealthSettings.validate("x", 600, 100, null, Duration.ZERO, Duration.ofHours(1), 0, 101, Duration.ofDays(1));
        assertThat(errors).extracting(FieldError::field)
                .containsExactly("path", "minStatus", "timeout", "interval", "rise", "fall", "startupGrace");
        assertThat(errors.get(1).reason()).isEqualTo("must be an HTTP status between 100 and 599, was 600");
        assertThat(errors.get(2).reason()).isEqualTo("must be between 10 ms and 60 s, was 0 s");
    }

    @Test
    void validateAcceptsTheBoundsAndDefaults() {
        assertThat(HealthSettings.validate(null, 100, 599, null, Duration.ofMillis(10), Duration.ofMillis(100), 1, 1, Duration.ZERO)).isEmpty();
        assertThat(HealthSettings.validate("/", 200, 200, "x".repeat(256), Duration.ofSeconds(60), Duration.ofMinutes(10),
                100, 100, Duration.ofHours(1))).isEmpty();
        assertThat(HealthSettings.validate(D.path(), D.minStatus(), D.maxStatus(), "ok", D.timeout(), D.interval(),
                D.rise(), D.fall(), D.startupGrace())).isEmpty();
    }

    @Test
    void timeoutEqualToIntervalIsAllowedButNotLonger() {
        assertThat(HealthSettings.validate("/", 200, 399, null, Duration.ofSeconds(2), Duration.ofSeconds(2), 1, 1, Duration.ZERO)).isEmpty();
        assertThat(HealthSettings.validate("/", 200, 399, null, Duration.ofMillis(2001), Duration.ofSeconds(2), 1, 1, Duration.ZERO))
                .containsExactly(new FieldError("timeout", "must not exceed the interval 2 s, was 2001 ms"));
    }

    @Test
    void durationsAreShownInTheirNaturalUnit() {
        assertThat(HealthSettings.show(Duration.ofSeconds(30))).isEqualTo("30 s");
        assertThat(HealthSettings.show(Duration.ofMillis(1500))).isEqualTo("1500 ms");
        assertThat(HealthSettings.show(Duration.ofNanos(5))).isEqualTo("PT0.000000005S");
        assertThat(HealthSettings.show(Duration.ZERO)).isEqualTo("0 s");
    }
}
