package io.dinp.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dinp.testkit.TestCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PemTrustTest {
    @TempDir
    Path dir;

    @Test
    void readsABundleOfCertificates() throws Exception {
        Path bundle = Files.writeString(dir.resolve("ca.crt"), TestCertificates.cert("shop") + TestCertificates.cert("blog"));
        PemTrust trust = PemTrust.read(bundle, "--db-ca-cert");
        assertThat(trust.certificates()).hasSize(2);
        assertThat(trust.trustManagers().getTrustManagers()).isNotEmpty();
        assertThat(trust.sslContext().getProtocol()).isEqualTo("TLS");
    }

    @Test
    void everyMistakeNamesTheOptionAndTheFile() throws Exception {
        Path missing = dir.resolve("nope.crt");
        assertThatThrownBy(() -> PemTrust.read(missing, "--redis-ca-cert"))
                .hasMessage("--redis-ca-cert: cannot read " + missing);
        Path key = Files.writeString(dir.resolve("key.pem"), TestCertificates.key("shop"));
        assertThatThrownBy(() -> PemTrust.read(key, "--redis-ca-cert"))
                .hasMessageStartingWith("--redis-ca-cert: " + key);
        Path empty = Files.writeString(dir.resolve("empty.crt"), "");
        assertThatThrownBy(() -> PemTrust.read(empty, "--registry-ca-cert"))
                .hasMessageStartingWith("--registry-ca-cert: " + empty);
        assertThatThrownBy(() -> PemTrust.read(null, "--db-ca-cert")).hasMessage("--db-ca-cert: a file is required");
    }
}
