package io.dinp.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DatabaseKindTest {
    @Test
    void kindFollowsTheUrl() {
        assertThat(DatabaseKind.of("jdbc:h2:file:/data/dinp;MODE=MySQL")).isEqualTo(DatabaseKind.H2);
        assertThat(DatabaseKind.of("jdbc:mariadb://db:3306/dinp")).isEqualTo(DatabaseKind.MARIADB);
        assertThat(DatabaseKind.MARIADB.id()).isEqualTo("mariadb");
    }

    @Test
    void unsupportedUrlIsRefusedWithoutLeakingIt() {
        assertThatThrownBy(() -> DatabaseKind.of("jdbc:postgresql://db/dinp?password=hunter2"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jdbc:mariadb://")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void redactionDropsCredentials() {
        assertThat(JdbcUrls.redact("jdbc:mariadb://db:3306/dinp?user=u&password=secret")).doesNotContain("secret");
        assertThat(JdbcUrls.redact("jdbc:h2:file:/d/dinp;PASSWORD=secret")).doesNotContain("secret");
        assertThat(JdbcUrls.redact("jdbc:mariadb://u:secret@db/dinp")).doesNotContain("secret").contains("db/dinp");
    }

    @Test
    void h2UrlIsAbsoluteWithTheSchemaFlags() {
        assertThat(Database.h2FileUrl(Path.of("rel")))
                .startsWith("jdbc:h2:file:/")
                .endsWith("/rel/dinp" + JdbcUrls.H2_FLAGS)
                .contains("MODE=MySQL", "DATABASE_TO_LOWER=TRUE");
    }
}
