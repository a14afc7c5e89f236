package io.dinp.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.dinp.model.Backend;
import java.util.List;
import org.junit.jupiter.api.Test;

class AttemptPlanTest {
    private static final Backend A = new Backend("a", "10.0.0.1", 1);
    private static final Backend B = new Backend("b", "10.0.0.2", 2);
    private static final Backend C = new Backend("c", "10.0.0.3", 3);

    @Test
    void failedBackendsAreNotTriedAgainAndAttemptsAreBounded() {
        AttemptPlan plan = new AttemptPlan(List.of(A, B, C), 4);

        assertThat(plan.current()).isEqualTo(A);
        assertThat(plan.next(true)).isEqualTo(B);
        assertThat(plan.next(true)).isEqualTo(C);
        assertThat(plan.next(true)).isNull();
        assertThat(plan.attempts()).isEqualTo(3);
    }

    @Test
    void aStalePooledConnectionLeavesItsBackendEligible() {
        AttemptPlan plan = new AttemptPlan(List.of(A), 4);

        assertThat(plan.next(false)).isEqualTo(A);
        assertThat(plan.next(false)).isEqualTo(A);
        assertThat(plan.next(true)).as("now A itself failed").isNull();
    }

    @Test
    void afterAStaleConnectionTheNextBackendComesFirstThenTheSameOne() {
        AttemptPlan plan = new AttemptPlan(List.of(A, B), 3);

        assertThat(plan.next(false)).isEqualTo(B);
        assertThat(plan.next(true)).isEqualTo(A);
        assertThat(plan.next(false)).as("three attempts used").isNull();
    }

    @Test
    void aNewRoundTriesEveryCandidateAgainWithItsOwnAttempts() {
        AttemptPlan plan = new AttemptPlan(List.of(A, B), 2);
        assertThat(plan.next(true)).isEqualTo(B);
        assertThat(plan.next(true)).isNull();

        assertThat(plan.nextRound()).isEqualTo(A);
        assertThat(plan.next(true)).isEqualTo(B);
        assertThat(plan.next(true)).as("the round's two attempts used").isNull();
        assertThat(plan.attempts()).isEqualTo(4);
        assertThat(plan.rounds()).isEqualTo(2);
    }
}
