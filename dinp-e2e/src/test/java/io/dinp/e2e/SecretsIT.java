package io.dinp.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.dinp.testkit.Docker;
import io.dinp.testkit.TestImages;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Acceptance of secrets, end to end on {@code dinp up}: a secret set through the API and one set
 * through the CLI reach the app's container (and only there: Docker's own view on the node holds
 * them, as {@code docker inspect} shows), while no log file the platform wrote, no data file, no
 * API listing, no audit entry and no CLI output holds either value. Then guessing a password:
 * slowed down and audited.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecretsIT {
    static final Duration PATIENCE = Duration.ofMinutes(2);
    static final String HOST = "vault.apps.localhost";
    static final String API_SECRET = "api-secret-" + UUID.randomUUID();
    static final String CLI_SECRET = "cli-secret-" + UUID.randomUUID();
    static OneJvm up;
    static Cli cli;
    /** Everything the CLI printed, to be searched at the end. */
    static final StringBuilder cliOutput = new StringBuilder();

    @BeforeAll
    static void start() throws Exception {
        TestImages.ensureEnvEcho();
        up = new OneJvm("secrets", 1024).start();
        cli = new Cli();
        cli(cli.input(up.token + "\n", "login", "--api", up.base(), "--token", "-"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (up != null) {
            up.close();
        }
    }

    static Cli.Result cli(Cli.Result r) {
        cliOutput.append(r.out()).append('\n').append(r.err()).append('\n');
        assertThat(r.code()).as(r.toString()).isZero();
        return r;
    }

    static void awaitEnv(String value) {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
            JsonNode app = up.api.app("vault");
            assertThat(app.get("state").asText()).isEqualTo("running");
            RouterClient.Answer a = up.router.get(HOST, "/env");
            assertThat(a.status()).as(a.body()).isEqualTo(200);
            assertThat(a.body()).isEqualTo(value);
        });
    }

    @Test
    @Order(1)
    void secretsReachTheContainerAndNoLogListingAuditOrOutput() throws Exception {
        JsonNode created = up.api.ok("POST", "/api/v1/apps", Map.of("name", "vault", "image", TestImages.ENV_ECHO,
                "instances", 1, "memory", 64, "env", Map.of("ECHO_VAR", "DB_PASSWORD", "DB_PASSWORD", API_SECRET),
                "secretEnv", List.of("DB_PASSWORD")));
        assertThat(created.get("env").get("DB_PASSWORD").asText()).isEqualTo("********");
        awaitEnv(API_SECRET);

        // the CLI: the value from stdin, never on its command line
        Cli.Result set = cli(cli.input(CLI_SECRET + "\n", "env", "set", "--secret", "vault", "API_TOKEN"));
        assertThat(set.out()).contains("+API_TOKEN (secret)");
        cli(cli.run("env", "set", "vault", "ECHO_VAR=API_TOKEN"));
        awaitEnv(CLI_SECRET);
        Cli.Result shown = cli(cli.run("env", "vault"));
        assertThat(shown.out()).contains("API_TOKEN=********", "DB_PASSWORD=********", "ECHO_VAR=API_TOKEN");
        cli(cli.run("env", "vault", "--json"));
        assertThat(cli(cli.run("info", "vault")).out()).contains("API_TOKEN (secret)", "DB_PASSWORD (secret)");
        cli(cli.run("info", "vault", "--json"));
        cli(cli.run("apps"));
        cli(cli.run("apps", "--json"));
        cli(cli.run("ps", "vault", "--json"));
        cli(cli.run("events", "vault"));
        cli(cli.run("events", "vault", "--json"));
        cli(cli.run("logs", "vault", "-n", "all"));
        cli(cli.run("releases", "vault", "--json"));

        // the container got both, and is confined (docker inspect is Docker's view on the node: it shows env)
        String container = Docker.run("ps", "-q", "--filter", "label=io.dinp.app=vault", "--filter",
                "label=io.dinp.node=" + up.node).strip();
        assertThat(Docker.run("inspect", "-f", "{{json .Config.Env}}", container)).contains(API_SECRET, CLI_SECRET);
        assertThat(Docker.run("inspect", "-f", "{{.HostConfig.ReadonlyRootfs}} {{.HostConfig.PidsLimit}} {{json .HostConfig.CapDrop}} "
                + "{{json .HostConfig.SecurityOpt}} {{json .Mounts}} {{.HostConfig.NetworkMode}}", container).strip())
                .isEqualTo("true 512 [\"ALL\"] [\"no-new-privileges:true\"] [] dinp-vault");

        // every answer of the API a team member can read
        StringBuilder api = new StringBuilder();
        for (String path : List.of("/api/v1/apps", "/api/v1/apps/vault", "/api/v1/apps/vault/instances",
                "/api/v1/apps/vault/events", "/api/v1/audit?limit=1000", "/api/v1/apps/vault/audit?limit=1000",
                "/api/v1/apps/vault/releases", "/api/v1/apps/vault/builds", "/api/v1/apps/vault/routing",
                "/api/v1/apps/vault/domains", "/api/v1/apps/vault/metrics", "/api/v1/nodes", "/api/v1/me")) {
            api.append(path).append(' ').append(up.api.ok("GET", path, null)).append('\n');
        }
        api.append(rawGet("/api/v1/apps/vault/logs?tail=all"));
        assertThat(api.toString()).contains("DB_PASSWORD", "API_TOKEN", "secretEnv=[API_TOKEN, DB_PASSWORD]");
        assertNowhere("the API", api.toString());
        assertNowhere("the CLI's output", cliOutput.toString());

        // every file the platform wrote: its log, the data directory (database, kept instance logs, keys)
        List<Path> files = new ArrayList<>();
        files.add(up.process.logFile());
        try (Stream<Path> data = Files.walk(up.data)) {
            data.filter(Files::isRegularFile).forEach(files::add);
        }
        assertThat(files).anyMatch(f -> f.getFileName().toString().endsWith(".mv.db"));
        for (Path f : files) {
            assertNowhere(f.toString(), new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
        }
    }

    @Test
    @Order(2)
    void guessingAPasswordIsSlowedDownAndAudited() {
        List<Integer> statuses = new ArrayList<>();
        // each failure from the 5th on locks the name for longer (1 s, 2 s, 4 s …): a 429 comes however slow the machine
        for (int i = 0; i < 12 && !statuses.contains(429); i++) {
            statuses.add(up.api.withToken(null).send("POST", "/api/v1/session",
                    Map.of("name", "admin", "password", "guess-" + i + "-" + API_SECRET)).status());
        }
        assertThat(statuses).startsWith(401, 401, 401, 401, 401).endsWith(429);
        JsonNode entries = up.api.ok("GET", "/api/v1/audit?limit=100", null).get("entries");
        List<JsonNode> failed = new ArrayList<>();
        entries.forEach(e -> { if (e.get("kind").asText().startsWith("login.")) { failed.add(e); } });
        assertThat(failed).hasSizeGreaterThanOrEqualTo(5);
        assertThat(failed).extracting(e -> e.get("kind").asText()).contains("login.failed", "login.locked");
        assertThat(failed).allSatisfy(e -> {
            assertThat(e.get("actor").asText()).isEqualTo("admin");
            assertThat(e.get("address").asText()).isEqualTo("127.0.0.1");
        });
        assertThat(entries.toString()).doesNotContain("guess-");
        assertThat(logText()).contains("failed sign-in for admin from 127.0.0.1").doesNotContain("guess-");
    }

    static String logText() {
        try {
            return Files.readString(up.process.logFile());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static void assertNowhere(String where, String text) {
        assertThat(text).as(where + " holds the API's secret").doesNotContain(API_SECRET);
        assertThat(text).as(where + " holds the CLI's secret").doesNotContain(CLI_SECRET);
    }

    static String rawGet(String path) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(URI.create(up.base() + path)).header("Authorization", "Bearer " + up.token)
                    .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString()).body();
        }
    }
}
