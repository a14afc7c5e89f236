package io.dinp.builder;

import static org.assertj.core.api.Assertions.assertThat;

import io.dinp.store.BuildStore.Beat;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SilentBuildsTest {
    private static final long S = 1_000_000_000L;
    private final SilentBuilds silent = new SilentBuilds(Duration.ofSeconds(60));

    @Test
    void aBuildIsSilentOnlyAfterItsBeatStoodStillForTheWholeTime() {
        Beat b = new Beat("b1", "other", 3);
        assertThat(silent.silent(List.of(b), 0)).isEmpty(); // first seen
        assertThat(silent.silent(List.of(b), 59 * S)).isEmpty();
        assertThat(silent.silent(List.of(b), 60 * S)).containsExactly(b);
    }

    @Test
    void aBeatStartsTheSilenceAnew() {
        assertThat(silent.silent(List.of(new Beat("b1", "other", 3)), 0)).isEmpty();
        assertThat(silent.silent(List.of(new Beat("b1", "other", 4)), 50 * S)).isEmpty();
        assertThat(silent.silent(List.of(new Beat("b1", "other", 4)), 100 * S)).isEmpty();
        assertThat(silent.silent(List.of(new Beat("b1", "other", 4)), 110 * S)).hasSize(1);
    }

    @Test
    void aFinishedBuildIsForgottenAndSeenAfreshIfItWereListedAgain() {
        Beat b = new Beat("b1", "other", 0);
        silent.silent(List.of(b), 0);
        assertThat(silent.silent(List.of(), 30 * S)).isEmpty();
        assertThat(silent.silent(List.of(b), 70 * S)).isEmpty();
        assertThat(silent.silent(List.of(b), 130 * S)).containsExactly(b);
    }

    @Test
    void buildsAreJudgedEachOnItsOwn() {
        Beat quiet = new Beat("q", "gone", 1);
        Beat busy = new Beat("b", "alive", 1);
        silent.silent(List.of(quiet, busy), 0);
        assertThat(silent.silent(List.of(quiet, new Beat("b", "alive", 2)), 61 * S)).containsExactly(quiet);
    }
}
