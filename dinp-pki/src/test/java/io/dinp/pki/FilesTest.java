package io.dinp.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilesTest {
    static final Instant NOW = Instant.parse("2030-01-02T03:04:05Z");

    @TempDir
    Path dir;

    @Test
    void theCaIsMadeOnceItsKeyOwnerOnly() throws Exception {
        ClusterCa first = CaFiles.loadOrCreate(dir.resolve("ca"), "c", NOW);
        ClusterCa again = CaFiles.loadOrCreate(dir.resolve("ca"), "c", NOW);
        assertThat(again.fingerprint()).isEqualTo(first.fingerprint());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("ca/ca.key")))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("ca")))).isEqualTo("rwx------");
        Files.setPosixFilePermissions(dir.resolve("ca/ca.key"), PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> CaFiles.loadOrCreate(dir.resolve("ca"), "c", NOW)).hasMessageContaining("chmod 600");
    }

    @Test
    void aBrokenCaFileIsNamed() throws Exception {
        CaFiles.loadOrCreate(dir.resolve("ca"), "c", NOW);
        Files.writeString(dir.resolve("ca/ca.pem"), "nothing");
        assertThatThrownBy(() -> CaFiles.loadOrCreate(dir.resolve("ca"), "c", NOW)).hasMessageContaining("ca.pem")
                .hasMessageContaining("no -----BEGIN CERTIFICATE-----");
    }

    @Test
    void credentialsReadBackAsWrittenAndStayPrivate() throws Exception {
        ClusterCa ca = ClusterCa.create("c", NOW);
        var keys = KeyPairs.ecP256();
        Identity id = new Identity(Role.NODE, "n1");
        Credentials c = new Credentials(keys.getPrivate(), ca.issue(keys.getPublic(), id, List.of(), NOW, CertificatePolicy.DEFAULT),
                ca.certificate());
        CredentialFiles files = CredentialFiles.in(dir, id);
        assertThat(files.load()).isEmpty();
        files.save(c);
        Credentials back = files.load().orElseThrow();
        assertThat(back.serial()).isEqualTo(c.serial());
        assertThat(back.identity()).isEqualTo(id);
        assertThat(back.key()).isEqualTo(c.key());
        assertThat(files.dir()).isEqualTo(dir.resolve("pki/node-n1"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(files.dir().resolve("credentials.pem"))))
                .isEqualTo("rw-------");
        assertThat(Files.readString(files.caFile())).doesNotContain("PRIVATE KEY");
        assertThat(c.toString()).doesNotContain("PRIVATE").contains("node n1");
    }

    @Test
    void credentialsOfAnotherCaDoNotHoldTogether() {
        ClusterCa ca = ClusterCa.create("c", NOW);
        var keys = KeyPairs.ecP256();
        var cert = ca.issue(keys.getPublic(), new Identity(Role.NODE, "n1"), List.of(), NOW, CertificatePolicy.DEFAULT);
        assertThatThrownBy(() -> new Credentials(keys.getPrivate(), cert, ClusterCa.create("x", NOW).certificate()))
                .hasMessageContaining("not signed by the CA");
        assertThatThrownBy(() -> new Credentials(KeyPairs.ecP256().getPrivate(), cert, ca.certificate()))
                .hasMessageContaining("does not belong");
    }
}
