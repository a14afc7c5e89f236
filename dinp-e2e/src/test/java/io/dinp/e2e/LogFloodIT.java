package io.dinp.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.dinp.testkit.Docker;
import io.dinp.testkit.TestImages;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Following the logs of ten instances that print as fast as they can, through a reader that falls
 * far behind: the lines it cannot take are dropped and counted in the stream, the apps go on
 * printing at their own pace, and the platform — on a heap too small to queue what they print —
 * stays up and keeps every instance.
 */
class LogFloodIT {
    static final Duration PATIENCE = Duration.ofMinutes(3);
    /** Lines the apps print while the reader takes none: far more than the heap could queue. */
    static final long WHILE_STALLED = 600_000;
    static final Pattern DROPPED = Pattern.compile("^\\S+ \\[dinp: (\\d+) lines dropped]$");
    static final Pattern COUNTER = Pattern.compile(" line (\\d+)$");
    static OneJvm up;

    @BeforeAll
    static void start() throws Exception {
        TestImages.ensureAll();
        up = new OneJvm("flood", 2048);
        up.process.withHeap("128m");
        up.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (up != null) {
            up.close();
        }
    }

    static Set<String> ids(String app) {
        Set<String> ids = new HashSet<>();
        up.api.instances(app).forEach(i -> ids.add(i.get("id").asText()));
        return ids;
    }

    /** How many lines the instances printed so far, from the counter in each one's last line. */
    static long printed(Set<String> ids, Map<String, Long> highest) {
        for (String id : ids) {
            Matcher m = COUNTER.matcher(Docker.run("logs", "--tail", "1", "dinp-" + id));
            if (m.find()) {
                highest.merge(id, Long.parseLong(m.group(1)), Math::max);
            }
        }
        return highest.values().stream().mapToLong(Long::longValue).sum();
    }

    @Test
    void aReaderThatFallsBehindLosesCountedLinesAndNothingElseSuffers() throws Exception {
        up.api.ok("POST", "/api/v1/apps", Map.of("name", "chatty", "image", TestImages.CHATTY, "instances", 10,
                "memory", 32, "env", Map.of("PAUSE_US", "20000")));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(up.api.app("chatty").get("status").asText())
                .isEqualTo("running: 10/10 instances running"));
        Set<String> ids = ids("chatty");
        Cli cli = new Cli();
        assertThat(cli.input(up.token + "\n", "login", "--api", up.base(), "--token", "-").code()).isZero();
        Map<String, Long> highest = new HashMap<>();
        try (Cli.Running slow = cli.start(true, "logs", "chatty", "-f", "-n", "0")) {
            long before = printed(ids, highest);
            await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1))
                    .until(() -> printed(ids, highest) >= before + WHILE_STALLED);
            assertThat(slow.alive()).isTrue();
            slow.resume();
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(slow.lines).anySatisfy(l -> {
                Matcher m = DROPPED.matcher(l);
                assertThat(m.matches()).as(l).isTrue();
                assertThat(Long.parseLong(m.group(1))).isPositive();
            }));
            // and it is still live: lines printed after it caught up arrive
            long now = printed(ids, highest);
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(slow.lines).anySatisfy(l -> {
                Matcher m = COUNTER.matcher(l);
                assertThat(m.find() && Long.parseLong(m.group(1)) > highest.values().stream().mapToLong(x -> x).min().orElse(0))
                        .as(l).isTrue();
            }));
            assertThat(now).isGreaterThan(before);
        }
        assertThat(up.process.alive()).as(up.process.logTail()).isTrue();
        JsonNode app = up.api.app("chatty");
        assertThat(app.get("status").asText()).isEqualTo("running: 10/10 instances running");
        assertThat(ids("chatty")).as("no instance was replaced").isEqualTo(ids);
        assertThat(up.process.logTail()).doesNotContain("OutOfMemoryError");
    }
}
