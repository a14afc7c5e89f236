package io.dinp.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dinp.model.TlsCertificate;
import io.dinp.testkit.TestCertificates;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificateFilesTest {
    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

    @TempDir
    Path dir;

    private Path file(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    @Test
    void aWildcardCertificateForTheAppsDomainIsRead() throws IOException {
        TlsCertificate c = CertificateFiles.read(file("apps.crt", TestCertificates.cert("apps")),
                file("apps.key", TestCertificates.key("apps")), "apps.localhost", NOW);

        assertThat(c).isEqualTo(new TlsCertificate(TestCertificates.cert("apps"), TestCertificates.key("apps")));
    }

    @Test
    void eachProblemNamesTheFileAtFault() throws IOException {
        Path apps = file("apps.crt", TestCertificates.cert("apps"));
        Path appsKey = file("apps.key", TestCertificates.key("apps"));
        Path blogKey = file("blog.key", TestCertificates.key("blog"));
        Path pkcs1 = file("shop-pkcs1.key", TestCertificates.read("shop-pkcs1.key"));

        assertThatThrownBy(() -> CertificateFiles.read(apps, appsKey, "apps.example.com", NOW))
                .hasMessageStartingWith(apps.toString()).hasMessageContaining("does not name *.apps.example.com");
        assertThatThrownBy(() -> CertificateFiles.read(apps, blogKey, "apps.localhost", NOW))
                .hasMessageStartingWith(blogKey.toString());
        assertThatThrownBy(() -> CertificateFiles.read(apps, pkcs1, "apps.localhost", NOW))
                .hasMessageStartingWith(pkcs1.toString()).hasMessageContaining("PKCS#8");
        assertThatThrownBy(() -> CertificateFiles.read(dir.resolve("missing.crt"), appsKey, "apps.localhost", NOW))
                .hasMessageContaining("missing.crt: no such file");
        assertThatThrownBy(() -> CertificateFiles.read(appsKey, appsKey, "apps.localhost", NOW))
                .hasMessageStartingWith(appsKey.toString()).hasMessageContaining("CERTIFICATE");
    }
}
