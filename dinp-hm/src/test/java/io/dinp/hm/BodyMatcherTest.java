package io.dinp.hm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class BodyMatcherTest {

    @ParameterizedTest
    @CsvSource(value = {
            "ok, ok, true",
            "{\"status\":\"ok\"}, ok, true",
            "o, ok, false",
            "kok, ok, true",
            "oOk, ok, false",
            "'', ok, false",
            "anything, '', true",
            "'', '', true",
            "aab, ab, true",
            "abab, abb, false"})
    void findsSubstrings(String body, String needle, boolean expected) {
        assertThat(BodyMatcher.contains(bytes(body), bytes(needle))).isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void nullBodyContainsOnlyTheEmptyNeedle() {
        assertThat(BodyMatcher.contains(null, bytes("ok"))).isFalse();
        assertThat(BodyMatcher.contains(null, new byte[0])).isTrue();
    }

    @org.junit.jupiter.api.Test
    void looksOnlyWithinTheLimit() {
        byte[] body = bytes("xxxxok");
        assertThat(BodyMatcher.contains(body, 6, bytes("ok"))).isTrue();
        assertThat(BodyMatcher.contains(body, 5, bytes("ok"))).isFalse();
        assertThat(BodyMatcher.contains(body, 100, bytes("ok"))).isTrue();
        assertThat(BodyMatcher.contains(body, -1, bytes("ok"))).isFalse();
    }

    static long[] seeds() {
        return java.util.stream.LongStream.rangeClosed(1, 200).toArray();
    }

    /** Against String.indexOf over Latin-1 (one char per byte) on a small alphabet, so matches are frequent. */
    @ParameterizedTest
    @MethodSource("seeds")
    void agreesWithIndexOf(long seed) {
        Random r = new Random(seed);
        byte[] hay = randomBytes(r, r.nextInt(40));
        byte[] needle = randomBytes(r, r.nextInt(5));
        int limit = r.nextInt(45);
        String h = new String(hay, 0, Math.min(limit, hay.length), StandardCharsets.ISO_8859_1);
        String n = new String(needle, StandardCharsets.ISO_8859_1);
        assertThat(BodyMatcher.contains(hay, limit, needle)).as("seed %d", seed).isEqualTo(h.contains(n));
        assertThat(BodyMatcher.contains(hay, needle)).as("seed %d", seed)
                .isEqualTo(new String(hay, StandardCharsets.ISO_8859_1).contains(n));
    }

    private static byte[] randomBytes(Random r, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (r.nextBoolean() ? 'a' + r.nextInt(3) : 0xC3);
        }
        return b;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
