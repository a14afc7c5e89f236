package io.dinp.common.logs;

import static org.assertj.core.api.Assertions.assertThat;

import io.dinp.model.LogEvent;
import io.dinp.model.LogSink;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogMergeTest {
    static final Duration LONG = Duration.ofHours(1);

    static LogEvent line(String instance, int n) {
        return LogEvent.line(instance, "n1", "stdout", Instant.EPOCH.plusMillis(n), instance + " " + n);
    }

    @Test
    void aChattySourceDoesNotStarveAQuietOne() throws Exception {
        List<LogEvent> out = new ArrayList<>();
        LogMerge merge = new LogMerge(out::add, LONG, new ByteBudget(1 << 24));
        EventQueue chatty = merge.newQueue(1 << 24, false);
        EventQueue quiet = merge.newQueue(1 << 24, false);
        for (int i = 0; i < 5 * LogMerge.TURN; i++) {
            chatty.offer(line("chatty", i));
        }
        quiet.offer(line("quiet", 0));
        chatty.finish();
        quiet.finish();
        assertThat(merge.run(true, LONG, null)).isTrue();
        assertThat(out).hasSize(5 * LogMerge.TURN + 1);
        assertThat(out.indexOf(line("quiet", 0))).isLessThanOrEqualTo(LogMerge.TURN);
        assertThat(out.stream().filter(e -> e.instance().equals("chatty")).map(LogEvent::line).toList())
                .as("one source's lines stay in order").isSortedAccordingTo((x, y) ->
                        Integer.compare(Integer.parseInt(x.split(" ")[1]), Integer.parseInt(y.split(" ")[1])));
    }

    @Test
    void withoutSourcesAHistoryStreamEndsAtOnce() throws Exception {
        List<LogEvent> out = new ArrayList<>();
        assertThat(new LogMerge(out::add, LONG, new ByteBudget(1024)).run(true, LONG, null)).isTrue();
        assertThat(out).isEmpty();
    }

    @Test
    void aReaderThatLeftStopsTheMergeAndReleasesItsSources() throws Exception {
        LogMerge merge = new LogMerge(e -> false, LONG, new ByteBudget(1 << 20));
        EventQueue q = merge.newQueue(1 << 20, true);
        q.offer(line("a", 0));
        assertThat(merge.run(false, LONG, null)).isFalse();
        assertThat(q.offer(line("a", 1))).as("the source learns nobody reads").isFalse();
    }

    @Test
    void aQuietStreamGetsKeepalivesSoALeftReaderIsNoticed() throws Exception {
        List<LogEvent> out = new ArrayList<>();
        LogSink sink = e -> {
            out.add(e);
            return !LogEvent.KEEPALIVE.equals(e.type());
        };
        LogMerge merge = new LogMerge(sink, Duration.ZERO, new ByteBudget(1024));
        merge.newQueue(1024, true);
        assertThat(merge.run(false, LONG, null)).isFalse();
        assertThat(out).containsExactly(LogEvent.keepalive());
    }

    @Test
    void theTickFindsSourcesThatAppearWhileFollowing() throws Exception {
        List<LogEvent> out = new ArrayList<>();
        LogSink sink = e -> {
            out.add(e);
            return !e.instance().equals("late");
        };
        LogMerge merge = new LogMerge(sink, LONG, new ByteBudget(1 << 20));
        merge.newQueue(1 << 20, true).offer(line("early", 0));
        boolean[] added = {false};
        assertThat(merge.run(false, Duration.ZERO, () -> {
            if (!added[0]) {
                added[0] = true;
                try {
                    merge.newQueue(1 << 20, true).offer(line("late", 0));
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }
        })).isFalse();
        assertThat(out).containsExactly(line("early", 0), line("late", 0));
    }
}
