package io.dinp.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.dinp.model.Backend;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class BackendEjectionsTest {
    private static final Backend A = new Backend("a", "10.0.0.1", 1);
    private static final Backend A_AGAIN = new Backend("a2", "10.0.0.1", 1);
    private static final Backend B = new Backend("b", "10.0.0.2", 2);

    private final AtomicLong now = new AtomicLong(1_000);
    private final BackendEjections ejections = new BackendEjections(Duration.ofSeconds(2), now::get);

    @Test
    void anEjectionLastsItsTimeByAddress() {
        ejections.eject(A, "refused");

        assertThat(ejections.isEjected(A_AGAIN)).as("same host:port").isTrue();
        assertThat(ejections.isEjected(B)).isFalse();
        now.addAndGet(Duration.ofMillis(1999).toNanos());
        assertThat(ejections.isEjected(A)).isTrue();
        now.addAndGet(Duration.ofMillis(1).toNanos());
        assertThat(ejections.isEjected(A)).isFalse();
        assertThat(ejections.size()).isZero();
    }

    @Test
    void aBackendThatAcceptsAgainIsNoLongerEjected() {
        ejections.eject(A, "refused");
        ejections.clear(A);

        assertThat(ejections.isEjected(A)).isFalse();
    }

    @Test
    void backendsLeavingTheRouteTableAreForgotten() {
        ejections.eject(A, "refused");
        ejections.eject(B, "refused");

        ejections.retainOnly(Set.of(B.hostPort()));

        assertThat(ejections.isEjected(A)).isFalse();
        assertThat(ejections.isEjected(B)).isTrue();
    }

    @Test
    void zeroDurationTurnsEjectionOff() {
        BackendEjections off = new BackendEjections(Duration.ZERO, now::get);
        off.eject(A, "refused");

        assertThat(off.isEjected(A)).isFalse();
    }
}
