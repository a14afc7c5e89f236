package io.dinp.dash;

import static org.assertj.core.api.Assertions.assertThat;

import io.dinp.common.logs.ByteBudget;
import io.dinp.model.LogEvent;
import io.dinp.model.LogQuery;
import io.dinp.model.NodeLogs;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class LogFanOutTest {
    static final Duration LONG = Duration.ofHours(1);

    /** A node whose agent knows nothing of its own id, as in one JVM. */
    static NodeLogs lines(String... instances) {
        return (q, sink) -> {
            for (String i : instances) {
                if (!sink.accept(LogEvent.line(i, null, "stdout", Instant.EPOCH, "hello from " + i))) {
                    return;
                }
            }
        };
    }

    static NodeLogs broken(String why) {
        return (q, sink) -> {
            throw new java.io.IOException(why);
        };
    }

    static List<LogEvent> run(LogNodes nodes, LogQuery q) throws Exception {
        List<LogEvent> out = new ArrayList<>();
        new LogFanOut(nodes, new ByteBudget(1 << 20), LONG).run(q, out::add);
        return out;
    }

    @Test
    void everyNodesLinesArriveMarkedWithTheNodeAndAHistoryStreamEnds() throws Exception {
        LogNodes nodes = () -> List.of(new LogNodes.Node("n1", lines("a", "b")), new LogNodes.Node("n2", lines("c")));
        List<LogEvent> out = run(nodes, new LogQuery("web", null, null, 100, false));
        assertThat(out).extracting(LogEvent::instance, LogEvent::node).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("a", "n1"), org.assertj.core.groups.Tuple.tuple("b", "n1"),
                org.assertj.core.groups.Tuple.tuple("c", "n2"));
    }

    @Test
    void aNodeThatCannotBeReadIsSaidInTheStreamAndTheOthersStillArrive() throws Exception {
        LogNodes nodes = () -> List.of(new LogNodes.Node("n1", broken("connection refused")), new LogNodes.Node("n2", lines("c")));
        List<LogEvent> out = run(nodes, new LogQuery("web", null, null, 100, false));
        assertThat(out).filteredOn(LogEvent::hasLine).extracting(LogEvent::instance).containsExactly("c");
        assertThat(out).filteredOn(e -> LogEvent.ERROR.equals(e.type())).singleElement().satisfies(e -> {
            assertThat(e.node()).isEqualTo("n1");
            assertThat(e.message()).isEqualTo("cannot read the logs of node n1: connection refused");
        });
    }

    @Test
    void withoutTheControllerTheStreamSaysWhy() throws Exception {
        List<LogEvent> out = run(() -> {
            throw new java.net.ConnectException("Connection refused");
        }, new LogQuery("web", null, null, 100, false));
        assertThat(out).singleElement().extracting(LogEvent::message).asString().contains("Connection refused");
    }

    @Test
    void aFollowerTakesInNodesThatComeUpLater() throws Exception {
        List<LogNodes.Node> up = new CopyOnWriteArrayList<>(List.of(new LogNodes.Node("n1", lines("a"))));
        List<LogEvent> out = new CopyOnWriteArrayList<>();
        new LogFanOut(() -> List.copyOf(up), new ByteBudget(1 << 20), LONG, Duration.ZERO)
                .run(new LogQuery("web", null, null, 100, true), e -> {
                    out.add(e);
                    if (e.instance() != null && e.instance().equals("a") && up.size() == 1) {
                        up.add(new LogNodes.Node("n2", lines("late")));
                    }
                    return !"late".equals(e.instance());
                });
        assertThat(out).extracting(LogEvent::instance).containsSubsequence("a", "late");
    }
}
