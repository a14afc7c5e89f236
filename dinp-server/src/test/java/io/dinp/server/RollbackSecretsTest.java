package io.dinp.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.dinp.common.secret.SecretBox;
import io.dinp.common.secret.SecretKeys;
import io.dinp.core.Rollback;
import io.dinp.model.AppSpec;
import io.dinp.model.HealthSettings;
import io.dinp.model.InstanceSpec;
import io.dinp.store.AppStore;
import io.dinp.store.Database;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A failed rollout goes back to what the old instances run, their secrets included: the sealed
 * values they were created with, not the new ones. The controller needs no key for it.
 */
class RollbackSecretsTest {
    @TempDir
    Path dir;

    @Test
    void aRollbackRestoresTheSealedSecretsTheOldInstancesRun() throws Exception {
        SecretBox box = new SecretBox(SecretKeys.generate());
        String oldSecret = box.seal("old-password", SecretBox.envContext("web", "DB_PASSWORD"));
        String newSecret = box.seal("new-password", SecretBox.envContext("web", "DB_PASSWORD"));
        try (Database db = Database.open(Database.h2FileUrl(dir), "dinp", "")) {
            AppStore apps = new AppStore(db);
            AppSpec v1 = apps.create(new AppSpec("web", "img:1", 2, 64, Map.of("MODE", "a"),
                    Map.of("DB_PASSWORD", oldSecret), HealthSettings.DEFAULTS, 0));
            InstanceSpec serving = InstanceSpec.of("i-old", v1, "n1");
            AppSpec v2 = apps.update("web", a -> new AppSpec(a.name(), "img:2", a.instances(), a.memoryMb(),
                    Map.of("MODE", "b"), Map.of("DB_PASSWORD", newSecret), a.health(), a.generation()));

            var back = StoreDesiredState.of(db).rollBack(new Rollback("web", v2.generation(), v2.specHash(), "img:2",
                    serving, "never became healthy"));

            assertThat(back).isPresent();
            AppSpec now = apps.get("web").orElseThrow();
            assertThat(now.secretEnv()).isEqualTo(Map.of("DB_PASSWORD", oldSecret));
            assertThat(now.env()).isEqualTo(Map.of("MODE", "a"));
            assertThat(now.specHash()).isEqualTo(v1.specHash());
            assertThat(box.open(now.secretEnv().get("DB_PASSWORD"), SecretBox.envContext("web", "DB_PASSWORD")))
                    .isEqualTo("old-password");
        }
    }
}
