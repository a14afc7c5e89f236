package io.dinp.dash;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dinp.common.secret.SecretBox;
import io.dinp.common.secret.SecretKeyFile;
import io.dinp.model.SealedValue;
import io.dinp.store.AppStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secret variables through the API: sealed at rest with the data directory's key, shown masked,
 * kept when sent back masked, named (never valued) in events and the audit log.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecretEnvApiTest {
    static final String PLAIN = "p4ssw0rd-of-the-database";
    static final String NEWER = "the-rotated-password";
    static final String MASK = SealedValue.MASK;

    @TempDir
    static Path data;
    DashHarness dash;
    AppStore apps;

    @BeforeAll
    void start() throws Exception {
        dash = DashHarness.start(data);
        apps = new AppStore(dash.db);
    }

    @AfterAll
    void stop() {
        dash.close();
    }

    JsonNode create(String name) {
        return dash.admin().ok("POST", "/api/v1/apps", Map.of("name", name, "image", "reg/" + name + ":1",
                "env", Map.of("MODE", "prod", "DB_PASSWORD", PLAIN), "secretEnv", List.of("DB_PASSWORD")));
    }

    String sealed(String app) {
        return apps.get(app).orElseThrow().secretEnv().get("DB_PASSWORD");
    }

    @Test
    void aSecretIsSealedWithTheDataDirectorysKeyAndShownMasked() throws Exception {
        JsonNode created = create("vault");
        assertThat(created.get("env").get("DB_PASSWORD").asText()).isEqualTo(MASK);
        assertThat(created.get("env").get("MODE").asText()).isEqualTo("prod");
        assertThat(created.get("secretEnv").toString()).isEqualTo("[\"DB_PASSWORD\"]");

        String sealed = sealed("vault");
        assertThat(sealed).startsWith(SealedValue.PREFIX).doesNotContain(PLAIN);
        assertThat(apps.get("vault").orElseThrow().env()).isEqualTo(Map.of("MODE", "prod"));
        SecretBox box = new SecretBox(SecretKeyFile.load(data.resolve(SecretKeyFile.NAME)));
        assertThat(box.open(sealed, SecretBox.envContext("vault", "DB_PASSWORD"))).isEqualTo(PLAIN);

        String everything = dash.admin().get("/api/v1/apps").text() + dash.admin().get("/api/v1/apps/vault").text()
                + dash.admin().get("/api/v1/apps/vault/events").text() + dash.admin().get("/api/v1/audit").text()
                + dash.admin().get("/api/v1/apps/vault/audit").text();
        assertThat(everything).contains("DB_PASSWORD").doesNotContain(PLAIN).doesNotContain(sealed);
        assertThat(dash.admin().get("/api/v1/apps/vault/audit").text()).contains("secretEnv=[DB_PASSWORD]");
    }

    @Test
    void sendingTheAppBackAsReadKeepsTheSecretAndRestartsNothing() {
        create("keep");
        String before = sealed("keep");
        String hash = apps.get("keep").orElseThrow().specHash();
        JsonNode read = dash.admin().ok("GET", "/api/v1/apps/keep", null);

        JsonNode patched = dash.admin().ok("PATCH", "/api/v1/apps/keep", Map.of("env", read.get("env"), "instances", 2));

        assertThat(patched.get("env").get("DB_PASSWORD").asText()).isEqualTo(MASK);
        assertThat(sealed("keep")).isEqualTo(before);
        assertThat(apps.get("keep").orElseThrow().specHash()).isEqualTo(hash);
    }

    @Test
    void aNewValueIsSealedAnewAndStaysSecretWithoutBeingListed() throws Exception {
        create("rotate");
        String before = sealed("rotate");
        dash.admin().ok("PATCH", "/api/v1/apps/rotate", Map.of("env", Map.of("MODE", "prod", "DB_PASSWORD", NEWER)));
        String after = sealed("rotate");
        assertThat(after).isNotEqualTo(before).doesNotContain(NEWER);
        SecretBox box = new SecretBox(SecretKeyFile.load(data.resolve(SecretKeyFile.NAME)));
        assertThat(box.open(after, SecretBox.envContext("rotate", "DB_PASSWORD"))).isEqualTo(NEWER);
        assertThat(dash.admin().get("/api/v1/apps/rotate").text()).doesNotContain(NEWER);
    }

    @Test
    void secretEnvAloneMarksAnExistingVariableSecret() {
        dash.admin().ok("POST", "/api/v1/apps", Map.of("name", "mark", "env", Map.of("API_KEY", "k-123456")));
        JsonNode marked = dash.admin().ok("PATCH", "/api/v1/apps/mark", Map.of("secretEnv", List.of("API_KEY")));
        assertThat(marked.get("env").get("API_KEY").asText()).isEqualTo(MASK);
        assertThat(apps.get("mark").orElseThrow().env()).isEmpty();
        assertThat(apps.get("mark").orElseThrow().secretEnv().get("API_KEY")).doesNotContain("k-123456");
    }

    @Test
    void refusesWhatWouldRevealOrLoseASecret() {
        create("strict");
        var unmask = dash.admin().send("PATCH", "/api/v1/apps/strict",
                Map.of("env", Map.of("DB_PASSWORD", MASK), "secretEnv", List.of()));
        assertThat(unmask.status()).isEqualTo(400);
        assertThat(unmask.json().get("fields").get(0).get("field").asText()).isEqualTo("env.DB_PASSWORD");

        var maskWithoutValue = dash.admin().send("POST", "/api/v1/apps", Map.of("name", "nothing",
                "env", Map.of("TOKEN", MASK), "secretEnv", List.of("TOKEN")));
        assertThat(maskWithoutValue.status()).isEqualTo(400);
        assertThat(maskWithoutValue.json().get("fields").get(0).get("field").asText()).isEqualTo("env.TOKEN");

        var notInEnv = dash.admin().send("POST", "/api/v1/apps", Map.of("name", "nothing",
                "env", Map.of(), "secretEnv", List.of("TOKEN")));
        assertThat(notInEnv.status()).isEqualTo(400);
        assertThat(notInEnv.json().get("fields").get(0).get("field").asText()).isEqualTo("secretEnv");

        var notNames = dash.admin().send("POST", "/api/v1/apps", Map.of("name", "nothing", "secretEnv", "TOKEN"));
        assertThat(notNames.status()).isEqualTo(400);
        assertThat(notNames.json().get("fields").get(0).get("field").asText()).isEqualTo("secretEnv");

        var reserved = dash.admin().send("POST", "/api/v1/apps", Map.of("name", "nothing",
                "env", Map.of("PORT", "1"), "secretEnv", List.of("PORT")));
        assertThat(reserved.status()).isEqualTo(400);
        assertThat(apps.get("nothing")).isEmpty();
        assertThat(sealed("strict")).isNotNull();
    }

    @Test
    void deployingAReleaseKeepsTheSecrets() {
        create("release");
        String before = sealed("release");
        dash.admin().ok("POST", "/api/v1/apps/release/releases", Map.of("version", "2", "image", "reg/release:2"));
        dash.admin().ok("POST", "/api/v1/apps/release/releases/2/deploy", null);
        assertThat(apps.get("release").orElseThrow().image()).isEqualTo("reg/release:2");
        assertThat(sealed("release")).isEqualTo(before);
    }
}
