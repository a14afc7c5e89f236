package io.dinp.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.dinp.model.Backend;
import io.dinp.model.RouteChange;
import io.dinp.model.RouteTable;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouteTableHolderTest {
    private static final Backend A = new Backend("a", "10.0.0.1", 1);
    private static final Backend B = new Backend("b", "10.0.0.2", 2);
    private static final Backend C = new Backend("c", "10.0.0.3", 3);

    private final RouteTableHolder holder = new RouteTableHolder();

    @Test
    void rotatesTheFirstCandidateAndListsTheOthersAsFallbacks() {
        holder.replace(new RouteTable(1, Map.of("web", List.of(A, B, C))));

        assertThat(holder.candidates("web", 4)).containsExactly(A, B, C);
        assertThat(holder.candidates("web", 4)).containsExactly(B, C, A);
        assertThat(holder.candidates("web", 2)).containsExactly(C, A);
        assertThat(holder.candidates("web", 1)).containsExactly(A);
    }

    @Test
    void unknownAppHasNoCandidates() {
        holder.replace(new RouteTable(1, Map.of("web", List.of(A))));

        assertThat(holder.candidates("api", 4)).isEmpty();
    }

    @Test
    void appliesOnlyChangesThatFollowTheCurrentVersion() {
        RouteTable v1 = new RouteTable(1, Map.of("web", List.of(A)));
        RouteTable v2 = new RouteTable(2, Map.of("web", List.of(A, B), "api", List.of(C)));
        RouteTable v3 = new RouteTable(3, Map.of("api", List.of(C)));
        holder.replace(v1);

        assertThat(holder.apply(RouteChange.between(v2, v3, 0))).isFalse();
        assertThat(holder.table()).isEqualTo(v1);
        assertThat(holder.apply(RouteChange.between(v1, v2, 0))).isTrue();
        assertThat(holder.apply(RouteChange.between(v2, v3, 0))).isTrue();
        assertThat(holder.table()).isEqualTo(v3);
        assertThat(holder.candidates("web", 4)).isEmpty();
    }

    @Test
    void ejectedBackendsComeLastAndTheOthersShareTheLoad() {
        holder.replace(new RouteTable(1, Map.of("web", List.of(A, B, C))));

        assertThat(holder.candidates("web", 4, B::equals)).containsExactly(A, C, B);
        assertThat(holder.candidates("web", 4, B::equals)).containsExactly(C, A, B);
        assertThat(holder.candidates("web", 2, B::equals)).containsExactly(A, C);
    }

    @Test
    void whenAllBackendsAreEjectedTheyAreStillCandidates() {
        holder.replace(new RouteTable(1, Map.of("web", List.of(A, B))));

        assertThat(holder.candidates("web", 4, b -> true)).containsExactly(A, B);
        assertThat(holder.candidates("web", 4, b -> true)).containsExactly(B, A);
    }

    @Test
    void listenersSeeTheCurrentTableThenEveryChange() {
        RouteTable v1 = new RouteTable(1, Map.of("web", List.of(A)));
        RouteTable v2 = new RouteTable(2, Map.of("web", List.of(A, B)));
        RouteTable v3 = new RouteTable(3, Map.of("web", List.of(B)));
        holder.replace(v1);
        List<RouteTable> seen = new java.util.ArrayList<>();

        holder.addListener(seen::add);
        holder.apply(RouteChange.between(v2, v3, 0)); // out of order: ignored
        holder.apply(RouteChange.between(v1, v2, 0));
        holder.replace(v3);

        assertThat(seen).containsExactly(v1, v2, v3);
    }

    private static RouteTable sticky(long version, Backend... backends) {
        return new RouteTable(version, Map.of("web", List.of(backends), "api", List.of(backends)), Map.of(), Map.of(),
                Map.of("web", new io.dinp.model.RouteOptions(true, 0, false)));
    }

    @Test
    void aStickyCookieNamingAServingInstancePutsItFirstWithTheOthersAsFallbacks() {
        holder.replace(sticky(1, A, B, C));
        String toC = StickySessions.idOf("web", C);

        for (int i = 0; i < 4; i++) {
            List<Backend> c = holder.candidates("web", 3, b -> false, toC);
            assertThat(c).hasSize(3).first().isEqualTo(C);
            assertThat(c).containsExactlyInAnyOrder(A, B, C);
        }
        assertThat(holder.candidates("web", 1, b -> false, toC)).containsExactly(C);
    }

    @Test
    void aStickyCookieIsIgnoredWhenItsInstanceLeftIsEjectedIsUnknownOrTheAppIsNotSticky() {
        holder.replace(sticky(1, A, B));
        String toB = StickySessions.idOf("web", B);

        assertThat(holder.candidates("web", 2, B::equals, toB)).as("ejected").containsExactly(A, B);
        assertThat(holder.candidates("web", 2, b -> false, "forged-or-stale")).hasSize(2);
        assertThat(holder.candidates("api", 2, b -> false, StickySessions.idOf("api", B)))
                .as("api has no sticky sessions: round robin").first().isEqualTo(A);
        assertThat(holder.candidates("api", 2, b -> false, StickySessions.idOf("api", B))).first().isEqualTo(B);

        RouteTable withoutB = sticky(2, A);
        holder.apply(RouteChange.between(holder.table(), withoutB, 0));
        assertThat(holder.candidates("web", 2, b -> false, toB)).as("B left").containsExactly(A);
        holder.replace(new RouteTable(3, Map.of("web", List.of(A, B))));
        assertThat(List.of(holder.candidates("web", 2, b -> false, toB).getFirst(),
                holder.candidates("web", 2, b -> false, toB).getFirst())).as("stickiness turned off: round robin")
                .containsExactlyInAnyOrder(A, B);
    }
}
