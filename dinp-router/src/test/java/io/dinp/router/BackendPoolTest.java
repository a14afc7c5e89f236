package io.dinp.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.dinp.model.Backend;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BackendPoolTest {
    private static final Backend A = new Backend("a", "10.0.0.1", 1);
    private static final Backend B = new Backend("b", "10.0.0.2", 2);

    private final Set<String> routed = new HashSet<>(Set.of(A.hostPort(), B.hostPort()));
    private final List<Backend> idled = new ArrayList<>();
    private final BackendPool pool = new BackendPool(2, routed::contains, idled::add);

    @Test
    void idleConnectionsOfBackendsNoLongerRoutedAreClosed() {
        EmbeddedChannel a1 = new EmbeddedChannel();
        EmbeddedChannel a2 = new EmbeddedChannel();
        EmbeddedChannel b1 = new EmbeddedChannel();
        pool.offer(A, a1);
        pool.offer(A, a2);
        pool.offer(B, b1);

        routed.remove(A.hostPort());
        int closed = pool.closeUnwanted();

        assertThat(closed).isEqualTo(2);
        assertThat(a1.isOpen()).isFalse();
        assertThat(a2.isOpen()).isFalse();
        assertThat(b1.isOpen()).isTrue();
        assertThat(pool.idleCount()).isEqualTo(1);
        assertThat(pool.poll(A)).isNull();
        assertThat(pool.poll(B)).isSameAs(b1);
    }

    @Test
    void aConnectionToABackendNoLongerRoutedIsNotKept() {
        routed.remove(A.hostPort());

        assertThat(pool.offer(A, new EmbeddedChannel())).isFalse();
        assertThat(pool.offer(B, new EmbeddedChannel())).isTrue();
    }

    @Test
    void closedConnectionsAreSkippedAndThePoolIsBounded() {
        EmbeddedChannel dead = new EmbeddedChannel();
        EmbeddedChannel live = new EmbeddedChannel();
        pool.offer(A, live);
        pool.offer(A, dead);
        dead.close();

        assertThat(pool.offer(A, new EmbeddedChannel())).as("two per backend").isFalse();
        assertThat(pool.poll(A)).isSameAs(live);
        assertThat(pool.idleCount()).isZero();
    }

    @Test
    void connectionsTakenInAreIdleAndReportedAndThoseHandedOutAreNot() {
        EmbeddedChannel a1 = new EmbeddedChannel();
        EmbeddedChannel refused = new EmbeddedChannel();
        routed.remove(B.hostPort());

        pool.offer(A, a1);
        pool.offer(B, refused);

        assertThat(BackendPool.isIdle(a1)).isTrue();
        assertThat(BackendPool.isIdle(refused)).as("not taken: still the request's").isFalse();
        assertThat(idled).containsExactly(A);
        assertThat(pool.poll(A)).isSameAs(a1);
        assertThat(BackendPool.isIdle(a1)).isFalse();
    }
}
