package io.dinp.common.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretKeyFileTest {
    @TempDir
    Path dir;

    @Test
    void createsTheFileOwnerOnlyOnceAndReadsTheSameKeyAfterwards() throws Exception {
        Path file = dir.resolve("data").resolve(SecretKeyFile.NAME);
        SecretKeys first = SecretKeyFile.loadOrCreate(file);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        SecretKeys again = SecretKeyFile.loadOrCreate(file);
        assertThat(again.currentId()).isEqualTo(first.currentId());
        String sealed = new SecretBox(first).seal("v", "c");
        assertThat(new SecretBox(SecretKeyFile.load(file)).open(sealed, "c")).isEqualTo("v");
        try (var files = Files.list(file.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly(SecretKeyFile.NAME);
        }
    }

    @Test
    void refusesFilesThatHoldNoKeyWithoutQuotingThem() throws Exception {
        Path file = dir.resolve("k");
        Files.writeString(file, "# comment\n\n");
        assertThatThrownBy(() -> SecretKeyFile.load(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("holds no secret key");
        Files.writeString(file, "correct horse battery staple\n");
        assertThatThrownBy(() -> SecretKeyFile.load(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 1").hasMessageNotContaining("horse");
        String key = SecretKeys.newKeyLine();
        Files.writeString(file, key + "\n" + key + "\n");
        assertThatThrownBy(() -> SecretKeyFile.load(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 2").hasMessageContaining("twice");
        assertThatThrownBy(() -> SecretKeyFile.load(dir.resolve("missing"))).isInstanceOf(java.io.IOException.class);
    }

    @Test
    void aLazyBoxWaitsForTheFileAndThenKeepsIt() throws Exception {
        Path file = dir.resolve("later");
        Supplier<SecretBox> box = SecretKeyFile.whenNeeded(file);
        assertThatThrownBy(box::get).isInstanceOf(SecretException.class).hasMessageContaining("--secret-key-file");
        SecretKeys keys = SecretKeyFile.loadOrCreate(file);
        String sealed = new SecretBox(keys).seal("v", "c");
        assertThat(box.get().open(sealed, "c")).isEqualTo("v");
        Files.delete(file);
        assertThat(box.get().open(sealed, "c")).isEqualTo("v");
    }
}
