package io.dinp.agent.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.DockerClient;
import io.dinp.agent.AgentConfig;
import io.dinp.agent.DockerClients;
import io.dinp.model.Labels;
import io.dinp.model.LogEvent;
import io.dinp.model.LogQuery;
import io.dinp.testkit.Docker;
import io.dinp.testkit.TestImages;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A node's logs against the real Docker Engine: history, kept lines after removal, following new containers. */
class AgentLogsIT {
    static final Duration DEADLINE = Duration.ofSeconds(30);
    static DockerClient docker;
    final String node = "logs-" + UUID.randomUUID().toString().substring(0, 8);
    @TempDir
    Path dir;
    AgentLogs logs;

    @BeforeAll
    static void images() {
        TestImages.ensureAll();
        docker = DockerClients.create(AgentConfig.DEFAULT_DOCKER_HOST);
    }

    @AfterAll
    static void closeDocker() throws Exception {
        docker.close();
    }

    @AfterEach
    void cleanUp() {
        String ids = Docker.run("ps", "-aq", "--filter", "label=" + Labels.NODE + "=" + node);
        if (!ids.isBlank()) {
            List<String> args = new ArrayList<>(List.of("rm", "-f"));
            args.addAll(List.of(ids.split("\\s+")));
            Docker.run(args.toArray(String[]::new));
        }
    }

    /** A container of the app on this node, labelled as the agent labels its own, running {@code script}. */
    String container(String app, String instance, String script) {
        return Docker.run("run", "-d", "--label", Labels.MANAGED + "=true", "--label", Labels.APP + "=" + app,
                "--label", Labels.INSTANCE + "=" + instance, "--label", Labels.NODE + "=" + node,
                TestImages.HELLO_V1, "/bin/sh", "-c", script);
    }

    List<LogEvent> read(LogQuery q) throws Exception {
        List<LogEvent> out = new ArrayList<>();
        logs.stream(q, out::add);
        return out;
    }

    @Test
    void historyHasBothStreamsAndTheTailOfEachInstance() throws Exception {
        logs = new AgentLogs(docker, node, dir, Duration.ofHours(1));
        // stdout and stderr are copied apart by Docker: a pause keeps "three" last in its file
        String id = container("web", "i1", "echo one; echo two >&2; usleep 300000; echo three; sleep 600");
        await().atMost(DEADLINE).until(() -> Docker.run("logs", id).contains("three"));
        assertThat(read(new LogQuery("web", null, null, LogQuery.ALL, false)))
                .extracting(LogEvent::instance, LogEvent::node, LogEvent::line)
                .contains(org.assertj.core.groups.Tuple.tuple("i1", node, "one"), org.assertj.core.groups.Tuple.tuple("i1", node, "two"),
                        org.assertj.core.groups.Tuple.tuple("i1", node, "three"));
        assertThat(read(new LogQuery("web", null, null, LogQuery.ALL, false))).filteredOn(e -> e.line().equals("two"))
                .singleElement().extracting(LogEvent::stream).isEqualTo("stderr");
        assertThat(read(new LogQuery("web", null, null, 1, false))).extracting(LogEvent::line).containsExactly("three");
        assertThat(read(new LogQuery("other", null, null, LogQuery.ALL, false))).isEmpty();
    }

    @Test
    void aRemovedContainersLinesAreKeptForTheRetentionTime() throws Exception {
        logs = new AgentLogs(docker, node, dir, Duration.ofHours(1));
        String id = container("web", "gone1", "echo last words; exit 3");
        await().atMost(DEADLINE).until(() -> Docker.run("inspect", "-f", "{{.State.Status}}", id).equals("exited"));
        logs.keep(id);
        Docker.run("rm", id);
        assertThat(read(new LogQuery("web", "gone1", null, LogQuery.ALL, false))).singleElement()
                .satisfies(e -> {
                    assertThat(e.line()).isEqualTo("last words");
                    assertThat(e.node()).isEqualTo(node);
                });

        AgentLogs none = new AgentLogs(docker, node, dir.resolve("none"), Duration.ZERO);
        String other = container("web", "gone2", "echo forgotten");
        await().atMost(DEADLINE).until(() -> Docker.run("inspect", "-f", "{{.State.Status}}", other).equals("exited"));
        none.keep(other);
        Docker.run("rm", other);
        logs = none;
        assertThat(read(new LogQuery("web", "gone2", null, LogQuery.ALL, false))).as("retention 0 keeps nothing").isEmpty();
    }

    @Test
    void aFollowerTakesInContainersStartedAfterItAndLeavesWhenItsReaderDoes() throws Exception {
        logs = new AgentLogs(docker, node, dir, Duration.ofHours(1), Duration.ofSeconds(1), false);
        container("web", "early", "echo early; sleep 600");
        List<LogEvent> seen = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> follower = CompletableFuture.runAsync(() -> {
            try {
                logs.stream(new LogQuery("web", null, null, LogQuery.ALL, true), e -> {
                    seen.add(e);
                    return !"late".equals(e.instance());
                });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        await().atMost(DEADLINE).until(() -> seen.stream().anyMatch(e -> "early".equals(e.line())));
        container("web", "late", "echo late; sleep 600");
        await().atMost(DEADLINE).until(follower::isDone);
        assertThat(seen).filteredOn(LogEvent::hasLine).extracting(LogEvent::line).containsExactly("early", "late");
    }
}
