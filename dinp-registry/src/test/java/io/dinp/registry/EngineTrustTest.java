package io.dinp.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dinp.testkit.TestCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineTrustTest {
    @TempDir
    Path dir;

    @Test
    void installsTheCaWhereTheEngineLooksForItOnce() throws Exception {
        Path ca = Files.writeString(dir.resolve("ca.crt"), TestCertificates.cert("apps"));
        Path certsDir = dir.resolve("certs.d");
        assertThat(EngineTrust.install(certsDir, "10.0.0.1:5000", ca)).isTrue();
        Path installed = certsDir.resolve("10.0.0.1:5000/ca.crt");
        assertThat(installed).hasSameTextualContentAs(ca);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(installed))).isEqualTo("rw-r--r--");
        assertThat(EngineTrust.install(certsDir, "10.0.0.1:5000", ca)).as("already there").isFalse();

        Files.writeString(ca, TestCertificates.cert("shop"));
        assertThat(EngineTrust.install(certsDir, "10.0.0.1:5000", ca)).as("a new CA replaces the old").isTrue();
        assertThat(installed).hasSameTextualContentAs(ca);
    }

    @Test
    void neverWritesOutsideTheRegistrysOwnDirectory() {
        for (String bad : new String[] {"../etc", "a/b:5000", "..", ".hidden:1", " "}) {
            assertThatThrownBy(() -> EngineTrust.file(dir, bad)).hasMessageContaining("host[:port]");
        }
    }

    @Test
    void saysWhatToDoWhenItCannotWrite() throws Exception {
        Path ca = Files.writeString(dir.resolve("ca.crt"), TestCertificates.cert("apps"));
        Path notADir = Files.writeString(dir.resolve("file"), "x");
        assertThatThrownBy(() -> EngineTrust.install(notADir, "r:5000", ca))
                .hasMessageContaining(notADir.resolve("r:5000/ca.crt").toString()).hasMessageContaining("copy it there yourself");
    }
}
