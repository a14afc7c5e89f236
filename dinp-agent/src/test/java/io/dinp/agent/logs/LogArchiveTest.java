package io.dinp.agent.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dinp.model.LogEvent;
import io.dinp.model.LogQuery;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogArchiveTest {
    static final Instant T = Instant.parse("2026-12-04T10:00:00Z");
    @TempDir
    Path dir;

    static List<LogEvent> lines(String instance, int n) {
        return IntStream.range(0, n).mapToObj(i -> LogEvent.line(instance, null, "stdout", T.plusSeconds(i), "line " + i)).toList();
    }

    List<LogEvent> replay(LogArchive a, LogQuery q) throws Exception {
        List<LogEvent> out = new ArrayList<>();
        for (LogArchive.Archived x : a.list(q.app())) {
            a.replay(x, q, "n1", out::add);
        }
        return out;
    }

    @Test
    void keptLinesReplayWithTheQuerysTimeAndTailAndTheNode() throws Exception {
        LogArchive a = new LogArchive(dir, Duration.ofHours(1), 1 << 20);
        a.write("web", "i1", lines("i1", 10));
        assertThat(replay(a, new LogQuery("web", null, null, 3, false))).extracting(LogEvent::line)
                .containsExactly("line 7", "line 8", "line 9");
        assertThat(replay(a, new LogQuery("web", null, T.plusSeconds(8), LogQuery.ALL, false)))
                .extracting(LogEvent::line).containsExactly("line 8", "line 9");
        assertThat(replay(a, new LogQuery("web", null, null, 1, false))).singleElement()
                .isEqualTo(LogEvent.line("i1", "n1", "stdout", T.plusSeconds(9), "line 9"));
        assertThat(replay(a, new LogQuery("other", null, null, 5, false))).isEmpty();
    }

    @Test
    void expiredLogsGoAndTheOldestGoFirstPastTheSizeLimit() throws Exception {
        LogArchive a = new LogArchive(dir, Duration.ofHours(1), 1 << 20);
        a.write("web", "old", lines("old", 3));
        a.write("web", "new", lines("new", 3));
        Files.setLastModifiedTime(dir.resolve("web/old.ndjson"), FileTime.from(T));
        Files.setLastModifiedTime(dir.resolve("web/new.ndjson"), FileTime.from(T.plusSeconds(1800)));
        a.sweep(T.plusSeconds(3600));
        assertThat(a.list("web")).extracting(LogArchive.Archived::instance).containsExactly("new");
        a.sweep(T.plusSeconds(1800 + 3600));
        assertThat(a.list("web")).isEmpty();
        assertThat(dir.resolve("web")).doesNotExist();

        long one = Files.size(writeAndGet(a, "a"));
        LogArchive small = new LogArchive(dir, Duration.ofHours(1), one + one / 2);
        Files.setLastModifiedTime(writeAndGet(small, "b"), FileTime.from(T.plusSeconds(10)));
        Files.setLastModifiedTime(dir.resolve("web/a.ndjson"), FileTime.from(T));
        small.sweep(T.plusSeconds(20));
        assertThat(small.list("web")).extracting(LogArchive.Archived::instance).containsExactly("b");
    }

    private Path writeAndGet(LogArchive a, String instance) throws Exception {
        a.write("web", instance, lines(instance, 20));
        return dir.resolve("web/" + instance + LogArchive.SUFFIX);
    }

    @Test
    void namesFromLabelsMustBeAppAndInstanceIdsBeforeTheyBecomePaths() {
        LogArchive a = new LogArchive(dir, Duration.ofHours(1), 1 << 20);
        assertThatThrownBy(() -> a.write("web", "../x", List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> a.write("../web", "i1", List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThat(a.list("../web")).isEmpty();
        assertThat(new LogArchive(dir, Duration.ZERO, 1).enabled()).isFalse();
    }
}
