package io.dinp.dash;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A database from before accounts: its apps go to the admin's team 'default' and its admin token keeps working. */
class UpgradeTest {
    @TempDir
    Path data;

    @Test
    void oldAppsAndTheOldAdminTokenCarryOn() throws Exception {
        String url = io.dinp.store.Database.h2FileUrl(data);
        Flyway.configure().dataSource(url, "dinp", "").locations("classpath:db/migration").target("7").load().migrate();
        String oldToken;
        try (var h = Jdbi.create(url, "dinp", "").open()) {
            h.execute("INSERT INTO apps (name, image, instances, memory_mb, env, health_path, generation, created_at, updated_at) "
                    + "VALUES ('old-app', 'reg/old:1', 1, 64, '{}', '/', 1, '2025-01-01 00:00:00', '2025-01-01 00:00:00')");
            h.execute("INSERT INTO events (app, kind, message, actor, created_at) "
                    + "VALUES ('old-app', 'app.created', '', 'admin@127.0.0.1', '2025-01-01 00:00:00')");
        }
        try (var db = io.dinp.store.Database.open(url, "dinp", "")) {
            // the token the old dash created and wrote to admin-token
            oldToken = new io.dinp.store.TokenStore(db).create("bootstrap", "admin");
        }
        DashNode.writeSecret(data.resolve("admin-token"), oldToken);

        try (DashHarness dash = DashHarness.start(data)) {
            assertThat(dash.adminToken).isEqualTo(oldToken);
            assertThat(Files.exists(data.resolve("admin-password"))).isTrue();
            var app = dash.admin().ok("GET", "/api/v1/apps/old-app", null);
            assertThat(app.get("team").asText()).isEqualTo("default");
            assertThat(dash.admin().ok("GET", "/api/v1/apps/old-app/audit", null).get("entries").findValuesAsText("kind"))
                    .containsExactly("app.created");
            assertThat(dash.basic("admin", dash.adminPassword).ok("GET", "/api/v1/me", null).get("teams").toString())
                    .isEqualTo("[{\"name\":\"default\",\"role\":\"owner\"}]");

            // a member of 'default' sees it; anyone else does not
            String ann = dash.user("ann", "ann's password");
            assertThat(dash.token(ann).get("/api/v1/apps/old-app").status()).isEqualTo(404);
            dash.admin().ok("POST", "/api/v1/teams/default/members", Map.of("user", "ann"));
            assertThat(dash.token(ann).get("/api/v1/apps/old-app").status()).isEqualTo(200);
        }
    }
}
