package io.dinp.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The leadership lease on every database, written through two connection pools as two servers
 * would: take-overs are compare-and-set, and a deposed leader's fenced writes are refused.
 * Each test uses its own lease name, so tests do not depend on each other's order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class LeaseContract {
    protected Database first;
    protected Database second;

    /** Two pools on one database. */
    protected abstract Database[] openDatabases() throws Exception;

    protected void afterDatabasesClosed() throws Exception {
    }

    @BeforeAll
    void open() throws Exception {
        Database[] dbs = openDatabases();
        first = dbs[0];
        second = dbs[1];
    }

    @AfterAll
    void close() throws Exception {
        if (second != first) {
            second.close();
        }
        first.close();
        afterDatabasesClosed();
    }

    @Test
    void theControllerLeaseExistsUnheldAfterMigration() {
        Lease l = LeaseStore.controller(first).read();
        assertThat(l.holder()).isEmpty();
        assertThat(l.held()).isFalse();
    }

    @Test
    void onlyOneOfTwoTakeOversFromTheSameSightWins() {
        LeaseStore a = new LeaseStore(first, "race");
        LeaseStore b = new LeaseStore(second, "race");
        Lease seen = a.read();
        Optional<Lease> won = a.acquire(seen, "a", "https://a:7071");
        Optional<Lease> lost = b.acquire(seen, "b", "https://b:7071");
        assertThat(won).hasValueSatisfying(l -> assertThat(l.term()).isEqualTo(seen.term() + 1));
        assertThat(lost).isEmpty();
        assertThat(b.read()).isEqualTo(new Lease("a", seen.term() + 1, seen.version() + 1, "https://a:7071"));
    }

    @Test
    void onlyTheHolderAtItsTermRenews() {
        LeaseStore a = new LeaseStore(first, "renew");
        LeaseStore b = new LeaseStore(second, "renew");
        Lease l = a.acquire(a.read(), "a", "").orElseThrow();
        assertThat(a.renew("a", l.term())).isTrue();
        assertThat(b.renew("b", l.term())).isFalse();
        assertThat(a.renew("a", l.term() - 1)).isFalse();
        assertThat(b.read().version()).isEqualTo(l.version() + 1);
    }

    @Test
    void aDeposedLeadersFencedWriteIsRefusedAndWritesNothing() {
        LeaseStore a = new LeaseStore(first, "fence");
        LeaseStore b = new LeaseStore(second, "fence");
        EventStore eventsA = new EventStore(first);
        Lease old = a.acquire(a.read(), "a", "").orElseThrow();
        a.fenced("a", old.term(), h -> {
            eventsA.record(null, "test.fenced", "fence-ok-" + old.term(), "a");
            return null;
        });
        Lease taken = b.acquire(b.read(), "b", "").orElseThrow();
        assertThat(taken.term()).isGreaterThan(old.term());

        assertThatThrownBy(() -> a.fenced("a", old.term(), h -> {
            eventsA.record(null, "test.fenced", "fence-stale-" + old.term(), "a");
            return null;
        })).isInstanceOf(StaleTermException.class).hasMessageContaining("held by 'b'");
        assertThat(a.renew("a", old.term())).isFalse();
        var messages = new EventStore(second).page(AuditFilter.everything(), null, 1000).stream().map(Event::message).toList();
        assertThat(messages).contains("fence-ok-" + old.term()).doesNotContain("fence-stale-" + old.term());
    }

    @Test
    void storesCalledInsideAFencedTransactionJoinIt() {
        LeaseStore a = new LeaseStore(first, "join");
        EventStore events = new EventStore(first);
        Lease l = a.acquire(a.read(), "a", "").orElseThrow();
        assertThatThrownBy(() -> a.fenced("a", l.term(), h -> {
            events.record(null, "test.fenced", "joined-and-rolled-back", "a");
            throw new IllegalStateException("boom");
        })).isInstanceOf(IllegalStateException.class);
        var messages = events.page(AuditFilter.everything(), null, 1000).stream().map(Event::message).toList();
        assertThat(messages).doesNotContain("joined-and-rolled-back");
    }

    @Test
    void aReleasedLeaseIsTakenWithTheNextTerm() {
        LeaseStore a = new LeaseStore(first, "release");
        LeaseStore b = new LeaseStore(second, "release");
        Lease l = a.acquire(a.read(), "a", "").orElseThrow();
        assertThat(b.release("b", l.term())).isFalse();
        assertThat(a.release("a", l.term())).isTrue();
        Lease seen = b.read();
        assertThat(seen.held()).isFalse();
        assertThat(b.acquire(seen, "b", "").orElseThrow().term()).isEqualTo(l.term() + 1);
    }

    @Test
    void badHoldersAreRefusedNamingTheField() {
        LeaseStore a = new LeaseStore(first, "bad");
        assertThatThrownBy(() -> a.acquire(a.read(), "", "")).hasMessageContaining("holder");
        assertThatThrownBy(() -> a.acquire(a.read(), "a", "x".repeat(600))).hasMessageContaining("advertise");
    }
}
