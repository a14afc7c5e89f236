package io.dinp.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigStoreTest {
    @TempDir
    Path home;

    @Test
    void theTokenIsStoredReadableByItsOwnerOnly() throws Exception {
        ConfigStore store = new ConfigStore(home.resolve("cfg/dinp/config.json"));
        assertThat(store.load()).isEmpty();
        store.save(new CliConfig("http://127.0.0.1:7070", "secret-token", null));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file()))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file().getParent()))).isEqualTo("rwx------");
        assertThat(store.load()).contains(new CliConfig("http://127.0.0.1:7070", "secret-token", null));
        assertThat(store.readableByOthers()).isFalse();
        assertThat(new CliConfig("http://x", "secret-token", "alice").toString()).doesNotContain("secret-token");
        Files.setPosixFilePermissions(store.file(), PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(store.readableByOthers()).isTrue();
        assertThat(store.delete()).isTrue();
        assertThat(store.delete()).isFalse();
    }

    @Test
    void aBrokenFileSaysHowToRecover() throws Exception {
        Path f = Files.writeString(home.resolve("config.json"), "{not json");
        assertThatThrownBy(() -> new ConfigStore(f).load()).isInstanceOf(CliException.class)
                .hasMessageContaining("remove it and run dinp login again");
    }

    @Test
    void theFileFollowsXdgConfigHomeOrDinpConfig() {
        assertThat(TestContext.with(java.util.Map.of()).ctx(home).configFile()).isEqualTo(home.resolve(".config/dinp/config.json"));
        assertThat(TestContext.with(java.util.Map.of("XDG_CONFIG_HOME", "/x/cfg")).ctx(home).configFile())
                .isEqualTo(Path.of("/x/cfg/dinp/config.json"));
        assertThat(TestContext.with(java.util.Map.of("XDG_CONFIG_HOME", "relative")).ctx(home).configFile())
                .as("a relative XDG_CONFIG_HOME is ignored, as the spec says").isEqualTo(home.resolve(".config/dinp/config.json"));
        assertThat(TestContext.with(java.util.Map.of("DINP_CONFIG", "/etc/dinp.json")).ctx(home).configFile())
                .isEqualTo(Path.of("/etc/dinp.json"));
    }
}
