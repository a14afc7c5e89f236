package io.dinp.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dinp.registry.EngineTrust;
import io.dinp.testkit.MariaDbServerProcess;
import io.dinp.testkit.RedisServerProcess;
import io.dinp.testkit.TestCa;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The data-store options of the real `dinp` roles, against a private MariaDB and Redis that speak
 * TLS with a private CA: a server comes up over both, naming them without their passwords, which
 * are in no output and no process argument; a server that cannot trust the database's certificate
 * stops and says why; an agent given the registry's CA installs it for the Docker Engine.
 */
class DataStoresTlsIT {
    static final String REDIS_PASSWORD = "redis-pw-" + UUID.randomUUID();
    static TestCa ca;
    static MariaDbServerProcess mariadb;
    static RedisServerProcess redis;
    static Path secrets;
    static final List<DinpProcess> processes = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        ca = TestCa.create("datastores-e2e");
        mariadb = new MariaDbServerProcess(ca.issue("mariadb", "IP:127.0.0.1")).start();
        redis = RedisServerProcess.secured(ca.issue("redis", "IP:127.0.0.1"), ca.certificate(), REDIS_PASSWORD);
        redis.start();
        secrets = Files.createTempDirectory("dinp-e2e-secrets-");
        Files.writeString(secrets.resolve("db-password"), mariadb.password());
        Files.writeString(secrets.resolve("redis-password"), REDIS_PASSWORD);
    }

    @AfterAll
    static void stop() throws Exception {
        for (DinpProcess p : processes) {
            p.stop();
        }
        if (redis != null) {
            redis.close();
        }
        if (mariadb != null) {
            mariadb.close();
        }
        if (secrets != null) {
            try (var files = Files.walk(secrets)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    static DinpProcess server(String name, int port, Path dbCa) throws Exception {
        DinpProcess p = new DinpProcess(name, Map.of("DINP_JOIN_TOKEN", "join-" + UUID.randomUUID()), "server",
                "--port", "" + port, "--settle", "1", "--data-dir", secrets.resolve(name).toString(),
                "--db-url", mariadb.url(), "--db-user", MariaDbServerProcess.USER,
                "--db-password-file", secrets.resolve("db-password").toString(),
                "--db-tls", "--db-ca-cert", dbCa.toString(),
                "--redis", redis.uri(), "--redis-ca-cert", ca.certificate().toString(),
                "--redis-password-file", secrets.resolve("redis-password").toString());
        processes.add(p.start());
        return p;
    }

    @Test
    void aServerRunsOverTlsToBothAndNeverShowsTheirPasswords() throws Exception {
        int port = Ports.free();
        DinpProcess server = server("server-tls", port, ca.certificate());
        // up once it says where its control API (HTTPS, mutual TLS) listens
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(server.alive()).as(server.name() + " exited:\n" + server.logTail()).isTrue();
            assertThat(server.output()).contains("control API on port " + port);
        });
        assertThat(server.output()).contains("publishing routes to Redis at " + redis.uri() + " (password ***)");
        for (String secret : List.of(mariadb.password(), REDIS_PASSWORD)) {
            assertThat(server.output()).doesNotContain(secret);
            assertThat(server.commandLine()).doesNotContain(secret);
        }
    }

    @Test
    void aServerThatCannotTrustTheDatabaseStopsAndSaysWhy() throws Exception {
        TestCa stranger = TestCa.create("stranger");
        DinpProcess server = server("server-untrusting", Ports.free(), stranger.certificate());
        assertThat(server.waitFor(Duration.ofSeconds(60))).isEqualTo(1);
        assertThat(server.output()).contains("dinp server: database at " + mariadb.url()
                + ": its TLS certificate is not signed by a trusted CA (trusted: " + stranger.certificate() + ")");
    }

    @Test
    void anAgentGivenTheRegistryCaInstallsItForTheDockerEngine() throws Exception {
        // an address no registry uses: only the file matters here, and it is removed afterwards
        String address = "192.0.2.77:" + Ports.free();
        Path installed = EngineTrust.file(EngineTrust.DEFAULT_DIR, address);
        Files.writeString(secrets.resolve("registry-password"), "unused");
        DinpProcess agent = new DinpProcess("agent-registry-ca", Map.of("DINP_JOIN_TOKEN", "j"), "agent",
                "--server", "https://127.0.0.1:" + Ports.free(), "--node-id", "e2e-ca-" + UUID.randomUUID().toString().substring(0, 6),
                "--log-port", "0", "--data-dir", secrets.toString(),
                "--registry", address, "--registry-password-file", secrets.resolve("registry-password").toString(),
                "--registry-ca-cert", ca.certificate().toString());
        processes.add(agent.start());
        try {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(agent.output()).contains("the Docker Engine now trusts registry " + address));
            assertThat(installed).hasSameTextualContentAs(ca.certificate());
        } finally {
            agent.stop();
            Files.deleteIfExists(installed);
            Files.deleteIfExists(installed.getParent());
        }
    }
}
