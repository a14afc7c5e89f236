package io.dinp.common.logs;

import static org.assertj.core.api.Assertions.assertThat;

import io.dinp.model.LogEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class EventQueueTest {
    static final Instant T = Instant.parse("2026-12-04T10:00:00Z");
    static final long ONE = EventQueue.weight(line("a", 0));

    static LogEvent line(String instance, int n) {
        return LogEvent.line(instance, "n1", "stdout", T.plusMillis(n), "line " + String.format("%04d", n));
    }

    static List<LogEvent> drain(EventQueue q) {
        List<LogEvent> out = new ArrayList<>();
        q.drainTo(out, Integer.MAX_VALUE);
        return out;
    }

    @Test
    void aFollowingQueueDropsPastItsSizeAndSaysWhereAndHowMany() throws Exception {
        ByteBudget budget = new ByteBudget(1 << 20);
        EventQueue q = new EventQueue(3 * ONE, budget, true, () -> { });
        for (int i = 0; i < 5; i++) {
            assertThat(q.offer(line("a", i))).isTrue();
        }
        List<LogEvent> first = drain(q);
        assertThat(first).hasSize(4);
        assertThat(first.subList(0, 3)).extracting(LogEvent::line).containsExactly("line 0000", "line 0001", "line 0002");
        assertThat(first.get(3)).isEqualTo(LogEvent.dropped("a", "n1", 2));
        assertThat(q.offer(line("a", 5))).isTrue();
        assertThat(drain(q)).extracting(LogEvent::line).containsExactly("line 0005");
        assertThat(budget.used()).isZero();
    }

    @Test
    void dropsOfSeveralInstancesAreCountedApartAndUpstreamNoticesAddUp() throws Exception {
        EventQueue q = new EventQueue(ONE, new ByteBudget(1 << 20), true, () -> { });
        q.offer(line("a", 0));
        q.offer(line("a", 1));
        q.offer(line("b", 2));
        q.offer(LogEvent.dropped("a", "n1", 10));
        q.offer(line("b", 3));
        assertThat(drain(q)).containsExactly(line("a", 0), LogEvent.dropped("a", "n1", 11), LogEvent.dropped("b", "n1", 2));
    }

    @Test
    void aHistoryQueueMakesItsSourceWaitInsteadOfDropping() throws Exception {
        EventQueue q = new EventQueue(2 * ONE, new ByteBudget(1 << 20), false, () -> { });
        CompletableFuture<Boolean> producer = CompletableFuture.supplyAsync(() -> {
            try {
                for (int i = 0; i < 10; i++) {
                    if (!q.offer(line("a", i))) {
                        return false;
                    }
                }
                q.finish();
                return true;
            } catch (InterruptedException e) {
                return false;
            }
        });
        List<LogEvent> got = new ArrayList<>();
        while (!q.isDone()) {
            q.drainTo(got, 1);
            assertThat(q.bytes()).isLessThanOrEqualTo(2 * ONE);
        }
        assertThat(producer.join()).isTrue();
        assertThat(got).hasSize(10).noneMatch(e -> e.type() != null);
    }

    @Test
    void closingReleasesAWaitingSourceAndRefusesMore() throws Exception {
        EventQueue q = new EventQueue(ONE, new ByteBudget(1 << 20), false, () -> { });
        q.offer(line("a", 0));
        CompletableFuture<Boolean> blocked = CompletableFuture.supplyAsync(() -> {
            try {
                return q.offer(line("a", 1));
            } catch (InterruptedException e) {
                return true;
            }
        });
        q.close();
        assertThat(blocked.join()).isFalse();
        assertThat(q.offer(line("a", 2))).isFalse();
        assertThat(q.isOpen()).isFalse();
    }

    @Test
    void theSharedBudgetBoundsAllQueuesTogether() throws Exception {
        ByteBudget budget = new ByteBudget(4 * ONE);
        EventQueue a = new EventQueue(100 * ONE, budget, true, () -> { });
        EventQueue b = new EventQueue(100 * ONE, budget, true, () -> { });
        for (int i = 0; i < 10; i++) {
            a.offer(line("a", i));
            b.offer(line("b", i));
        }
        // past the budget by at most the one event each queue always takes, so none is ever stuck
        assertThat(a.bytes() + b.bytes()).isLessThanOrEqualTo(4 * ONE + 2 * ONE);
        assertThat(budget.used()).isEqualTo(a.bytes() + b.bytes());
        for (EventQueue q : List.of(a, b)) {
            List<LogEvent> got = drain(q);
            long lines = got.stream().filter(LogEvent::hasLine).count();
            long dropped = got.stream().filter(e -> LogEvent.DROPPED.equals(e.type())).mapToLong(LogEvent::count).sum();
            assertThat(lines).isPositive();
            assertThat(lines + dropped).isEqualTo(10);
        }
        assertThat(budget.used()).isZero();
    }

    @Test
    void keepalivesAreNotQueuedAndEveryOfferWakesTheWriter() throws Exception {
        AtomicInteger wakes = new AtomicInteger();
        EventQueue q = new EventQueue(10 * ONE, new ByteBudget(1 << 20), true, wakes::incrementAndGet);
        assertThat(q.offer(LogEvent.keepalive())).isTrue();
        q.offer(line("a", 0));
        q.offer(LogEvent.error("n1", "boom"));
        q.finish();
        assertThat(wakes.get()).isEqualTo(3);
        assertThat(drain(q)).containsExactly(line("a", 0), LogEvent.error("n1", "boom"));
        assertThat(q.isDone()).isTrue();
    }
}
