package io.dinp.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dinp.testkit.Docker;
import io.dinp.testkit.TestImages;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * A restart of the Docker Engine itself (under {@code dinp up}). With live-restore on (as
 * {@code ./dinp} configures a dockerd it starts) the containers outlive the daemon: the agent
 * reconnects and keeps every instance, none replaced. Without it the containers die with the
 * daemon and the app comes back with new instances. Restarts the machine's dockerd, so it only
 * runs where dockerd was started by {@code ./dinp} (a plain process, not a systemd unit).
 */
class DockerRestartIT {

    static boolean restartable() {
        try {
            Process p = new ProcessBuilder("bash", "-c",
                    "[ \"$(id -u)\" = 0 ] && pgrep -x dockerd >/dev/null && ! systemctl is-active --quiet docker 2>/dev/null")
                    .start();
            return p.waitFor() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    static void restartDockerd() throws Exception {
        Process p = new ProcessBuilder("bash", "-c", """
                pkill -TERM -x dockerd
                for i in $(seq 1 300); do pgrep -x dockerd >/dev/null || break; sleep 0.1; done
                setsid nohup dockerd >>/var/log/dinp-dockerd.log 2>&1 < /dev/null &
                for i in $(seq 1 600); do docker info >/dev/null 2>&1 && exit 0; sleep 0.1; done
                exit 1
                """).inheritIO().start();
        assertThat(p.waitFor()).as("dockerd came back").isZero();
    }

    /** Whether the running daemon keeps its containers when it stops (read before restarting it). */
    static boolean liveRestore() throws Exception {
        Process p = new ProcessBuilder("docker", "info", "--format", "{{.LiveRestoreEnabled}}").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        p.waitFor();
        return out.equals("true");
    }

    /**
     * Whether published ports go through Docker's userland proxy (docker-proxy processes, which stop
     * with the daemon) rather than by iptables alone ({@code "userland-proxy": false}, as ./dinp's
     * daemon.json has it). Asked while some container publishes a port.
     */
    static boolean userlandProxy() throws Exception {
        Process p = new ProcessBuilder("pgrep", "-x", "docker-proxy").redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor() == 0;
    }

    static Set<String> ids(Api api, String app) {
        Set<String> s = new HashSet<>();
        StreamSupport.stream(api.instances(app).spliterator(), false).forEach(i -> s.add(i.get("id").asText()));
        return s;
    }

    @Test
    void instancesComeBackAfterTheDockerEngineRestarts() throws Exception {
        Assumptions.assumeTrue(restartable(), "dockerd is not a process this test may restart");
        String web = TestImages.ensureWeb(TestImages.V1);
        try (OneJvm up = new OneJvm("dr", 1024).start()) {
            Api api = up.api;
            api.ok("POST", "/api/v1/apps", Map.of("name", "web", "image", web, "instances", 2, "memory", 32,
                    "health", Map.of("path", "/health")));
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(api.app("web").get("status").asText()).isEqualTo("running: 2/2 instances running"));
            Set<String> before = ids(api, "web");
            boolean kept = liveRestore();

            restartDockerd();

            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
                assertThat(api.app("web").get("status").asText()).isEqualTo("running: 2/2 instances running");
                if (kept) {
                    assertThat(ids(api, "web")).as("live-restore: the same instances").isEqualTo(before);
                } else {
                    assertThat(ids(api, "web")).hasSize(2).doesNotContainAnyElementsOf(before);
                }
            });
            if (kept) {
                // and they stay: nothing replaces them once the agent has seen the daemon again
                Thread.sleep(3000);
                assertThat(ids(api, "web")).isEqualTo(before);
            }
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(up.router.get("web.apps.localhost").ok()).isTrue());
        }
    }
}
