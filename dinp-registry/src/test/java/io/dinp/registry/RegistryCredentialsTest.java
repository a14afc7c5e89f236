package io.dinp.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryCredentialsTest {

    @Test
    void toStringHidesThePassword() {
        RegistryCredentials c = new RegistryCredentials("127.0.0.1:5000", "dinp", "s3cret-value");
        assertThat(c.toString()).contains("127.0.0.1:5000", "dinp").doesNotContain("s3cret-value");
    }

    @Test
    void readsThePasswordFromTheFirstLineOfAFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("password");
        Files.writeString(file, "abc123\n");
        assertThat(RegistryCredentials.withPasswordFile("r:5000", "dinp", file).password()).isEqualTo("abc123");
    }

    @Test
    void rejectsAnEmptyPasswordFileAndAnAddressWithAPath(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("password");
        Files.writeString(file, "\n");
        assertThatThrownBy(() -> RegistryCredentials.withPasswordFile("r:5000", "dinp", file))
                .hasMessageContaining("is empty");
        assertThatThrownBy(() -> new RegistryCredentials("http://r:5000", "u", "p"))
                .hasMessageContaining("host[:port]");
    }
}
