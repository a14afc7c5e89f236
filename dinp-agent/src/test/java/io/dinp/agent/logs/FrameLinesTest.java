package io.dinp.agent.logs;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.model.StreamType;
import io.dinp.model.LogEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameLinesTest {
    static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");
    static final String TS = "2026-12-04T11:59:58.123456789Z ";

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void eachMessageBecomesALineWithDockersTimeAndItsStream() {
        FrameLines f = new FrameLines("i1", "n1", null);
        assertThat(f.add(StreamType.STDOUT, b(TS + "hello\n"), NOW)).containsExactly(
                LogEvent.line("i1", "n1", "stdout", Instant.parse("2026-12-04T11:59:58.123456789Z"), "hello"));
        assertThat(f.add(StreamType.STDERR, b(TS + "oops\r\n" + TS + "again\n"), NOW)).extracting(LogEvent::stream, LogEvent::line)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("stderr", "oops"), org.assertj.core.groups.Tuple.tuple("stderr", "again"));
    }

    @Test
    void aMessageSplitByDockerIsJoinedAndKeepsItsFirstTime() {
        FrameLines f = new FrameLines("i1", "n1", null);
        assertThat(f.add(StreamType.STDOUT, b(TS + "first half "), NOW)).isEmpty();
        assertThat(f.add(StreamType.STDERR, b(TS + "other stream\n"), NOW)).extracting(LogEvent::line).containsExactly("other stream");
        List<LogEvent> done = f.add(StreamType.STDOUT, b("2026-12-04T11:59:59Z second half\n"), NOW);
        assertThat(done).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo("first half second half");
            assertThat(e.time()).isEqualTo(Instant.parse("2026-12-04T11:59:58.123456789Z"));
        });
    }

    @Test
    void overlongLinesAreCutAndSaySo() {
        FrameLines f = new FrameLines("i1", "n1", null);
        List<LogEvent> out = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            out.addAll(f.add(StreamType.STDOUT, b(TS + "x".repeat(16 * 1024)), NOW));
        }
        out.addAll(f.add(StreamType.STDOUT, b(TS + "tail\n"), NOW));
        assertThat(out).singleElement().extracting(LogEvent::line)
                .isEqualTo("x".repeat(FrameLines.MAX_LINE) + FrameLines.CUT);
    }

    @Test
    void linesBeforeSinceAreLeftOutAndAnUnfinishedLastLineStillCounts() {
        FrameLines f = new FrameLines("i1", "n1", Instant.parse("2026-12-04T11:59:59Z"));
        assertThat(f.add(StreamType.STDOUT, b(TS + "too old\n2026-12-04T11:59:59.5Z recent\n"), NOW))
                .extracting(LogEvent::line).containsExactly("recent");
        assertThat(f.add(StreamType.STDOUT, b("no time, no newline"), NOW)).isEmpty();
        assertThat(f.end()).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo("no time, no newline");
            assertThat(e.time()).isEqualTo(NOW);
        });
    }
}
