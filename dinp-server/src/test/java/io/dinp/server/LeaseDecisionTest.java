package io.dinp.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.dinp.server.LeaseDecision.Acquire;
import io.dinp.server.LeaseDecision.Follow;
import io.dinp.server.LeaseDecision.Memory;
import io.dinp.server.LeaseDecision.Renew;
import io.dinp.server.LeaseDecision.StepDown;
import io.dinp.server.LeaseDecision.Step;
import io.dinp.store.Lease;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LeaseDecisionTest {
    static final Duration LEASE = Duration.ofSeconds(3);
    static final long S = 1_000_000_000L;
    static final long T0 = 42 * S; // monotonic clocks start anywhere

    static Lease heldBy(String who, long term, long version) {
        return new Lease(who, term, version, "https://" + who + ":7071");
    }

    @Test
    void aFreshLeaseIsTakenAtOnce() {
        Lease free = new Lease("", 0, 0, "");
        assertThat(LeaseDecision.decide(free, Memory.START, "a", T0, LEASE)).isEqualTo(new Acquire(free));
    }

    @Test
    void aReleasedLeaseIsTakenAtOnceWhateverWasSeen() {
        Lease released = new Lease("", 4, 17, "");
        Memory seen = new Memory(16, T0, 0, 0);
        assertThat(LeaseDecision.decide(released, seen, "a", T0 + 1, LEASE)).isEqualTo(new Acquire(released));
    }

    @Test
    void aStandbyStartsWatchingAHeldLease() {
        Lease row = heldBy("b", 3, 10);
        Step s = LeaseDecision.decide(row, Memory.START, "a", T0, LEASE);
        assertThat(s).isEqualTo(new Follow(new Memory(10, T0, 0, 0)));
    }

    @Test
    void aRenewedLeaseRestartsTheStandbysWatch() {
        Memory watching = new Memory(10, T0, 0, 0);
        Step s = LeaseDecision.decide(heldBy("b", 3, 11), watching, "a", T0 + 5 * S, LEASE);
        assertThat(s).isEqualTo(new Follow(new Memory(11, T0 + 5 * S, 0, 0)));
    }

    @Test
    void aStandbyWaitsAWholeLeaseOfSilenceOnItsOwnClock() {
        Memory watching = new Memory(10, T0, 0, 0);
        Lease same = heldBy("b", 3, 10);
        assertThat(LeaseDecision.decide(same, watching, "a", T0 + LEASE.toNanos() - 1, LEASE)).isEqualTo(new Follow(watching));
        assertThat(LeaseDecision.decide(same, watching, "a", T0 + LEASE.toNanos(), LEASE)).isEqualTo(new Acquire(same));
    }

    @Test
    void aFailedReadChangesNothingForAStandby() {
        Memory watching = new Memory(10, T0, 0, 0);
        assertThat(LeaseDecision.decide(null, watching, "a", T0 + 10 * S, LEASE)).isEqualTo(new Follow(watching));
    }

    @Test
    void aLeaderRenewsWhileTheRowIsStillItsOwn() {
        Memory leading = LeaseDecision.held(3, 10, T0, LEASE);
        assertThat(LeaseDecision.decide(heldBy("a", 3, 12), leading, "a", T0 + S, LEASE)).isEqualTo(new Renew(3));
    }

    @Test
    void aLeaderStepsDownWhenAnotherHoldsTheLease() {
        Memory leading = LeaseDecision.held(3, 10, T0, LEASE);
        assertThat(LeaseDecision.decide(heldBy("b", 4, 11), leading, "a", T0 + S, LEASE))
                .isInstanceOfSatisfying(StepDown.class, d -> {
                    assertThat(d.term()).isEqualTo(3);
                    assertThat(d.reason()).contains("'b'").contains("term 4");
                });
    }

    @Test
    void aLeaderStepsDownWhenItsTermWasReleasedOrSuperseded() {
        Memory leading = LeaseDecision.held(3, 10, T0, LEASE);
        assertThat(LeaseDecision.decide(new Lease("", 3, 11, ""), leading, "a", T0 + S, LEASE)).isInstanceOf(StepDown.class);
        // the same id at another term is an older or newer run's lease, not ours
        assertThat(LeaseDecision.decide(heldBy("a", 5, 11), leading, "a", T0 + S, LEASE)).isInstanceOf(StepDown.class);
    }

    @Test
    void aLeaderThatCannotReadKeepsActingOnlyWhileValid() {
        Memory leading = LeaseDecision.held(3, 10, T0, LEASE);
        long validity = LeaseDecision.validity(LEASE);
        assertThat(LeaseDecision.decide(null, leading, "a", T0 + validity - 1, LEASE)).isEqualTo(new Follow(leading));
        assertThat(LeaseDecision.decide(null, leading, "a", T0 + validity, LEASE)).isInstanceOf(StepDown.class);
        // even a row that still names it does not extend a validity already over
        assertThat(LeaseDecision.decide(heldBy("a", 3, 10), leading, "a", T0 + validity, LEASE)).isInstanceOf(StepDown.class);
    }

    @Test
    void validityEndsBeforeAnyStandbyMayTakeOverWithTwoRenewalsInBetween() {
        long validity = LeaseDecision.validity(LEASE);
        long interval = LeaseDecision.interval(LEASE).toNanos();
        assertThat(validity).isLessThan(LEASE.toNanos());
        assertThat(validity).isGreaterThan(2 * interval);
        Memory m = LeaseDecision.held(3, 10, T0, LEASE);
        assertThat(m.leadingAt(T0)).isTrue();
        assertThat(m.leadingAt(T0 + validity)).isFalse();
    }

    @Test
    void monotonicNanosMayWrapAround() {
        long nearMax = Long.MAX_VALUE - S;
        Memory m = LeaseDecision.held(3, 10, nearMax, LEASE);
        assertThat(m.leadingAt(nearMax + S)).isTrue(); // overflows, still compares right
        Memory watching = new Memory(10, nearMax, 0, 0);
        Lease same = heldBy("b", 3, 10);
        assertThat(LeaseDecision.decide(same, watching, "a", nearMax + LEASE.toNanos(), LEASE)).isEqualTo(new Acquire(same));
    }

    /**
     * Safety, over random schedules: a holder that renews (write started at {@code w}, seen by a
     * standby at some time after) always stops acting before the standby may take over, whatever
     * the read times of the standby.
     */
    @Test
    void aHolderNeverActsWhenAStandbyMayTakeOver() {
        Random rnd = new Random(7);
        for (int i = 0; i < 10_000; i++) {
            long writeStarted = T0 + rnd.nextLong(10 * S);
            long seenAt = writeStarted + rnd.nextLong(S); // the write commits, then the standby reads it
            Memory holder = LeaseDecision.held(3, 10, writeStarted, LEASE);
            Memory standby = new Memory(10, seenAt, 0, 0);
            long takeOver = seenAt;
            while (!(LeaseDecision.decide(heldBy("a", 3, 10), standby, "b", takeOver, LEASE) instanceof Acquire)) {
                takeOver += rnd.nextLong(1, S / 4);
            }
            assertThat(holder.leadingAt(takeOver)).as("holder acting at the standby's take-over").isFalse();
        }
    }
}
