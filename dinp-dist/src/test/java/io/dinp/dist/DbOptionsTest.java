package io.dinp.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dinp.store.DatabaseTls;
import io.dinp.testkit.TestCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DbOptionsTest {
    @TempDir
    Path dir;

    static DbOptions parse(String... args) {
        DbOptions options = new DbOptions();
        new CommandLine(options).parseArgs(args);
        return options;
    }

    @Test
    void tlsWithACaOrTheJvmsCas() throws Exception {
        Path ca = Files.writeString(dir.resolve("ca.crt"), TestCertificates.cert("apps"));
        String url = "jdbc:mariadb://10.0.0.1:3306/dinp";
        assertThat(parse("--db-url", url, "--db-tls", "--db-ca-cert", ca.toString()).tlsSettings())
                .isEqualTo(DatabaseTls.verified(ca));
        assertThat(parse("--db-url", url, "--db-tls").tlsSettings()).isEqualTo(DatabaseTls.verified(null));
        assertThat(parse("--db-url", url).tlsSettings()).isEqualTo(DatabaseTls.NONE);
    }

    @Test
    void everyMistakeNamesItsOption() throws Exception {
        Path ca = Files.writeString(dir.resolve("ca.crt"), TestCertificates.cert("apps"));
        String url = "jdbc:mariadb://10.0.0.1:3306/dinp";
        assertThatThrownBy(() -> parse("--db-url", url, "--db-ca-cert", ca.toString()).tlsSettings())
                .hasMessage("--db-ca-cert needs --db-tls");
        assertThatThrownBy(() -> parse("--db-tls").tlsSettings()).hasMessageStartingWith("--db-tls needs --db-url");
        Path key = Files.writeString(dir.resolve("key.pem"), TestCertificates.key("apps"));
        assertThatThrownBy(() -> parse("--db-url", url, "--db-tls", "--db-ca-cert", key.toString()).tlsSettings())
                .hasMessageStartingWith("--db-ca-cert: " + key);
    }

    @Test
    void findsTheHostToTellLoopbackFromTheNetwork() {
        assertThat(DbOptions.hostOf("jdbc:mariadb://10.0.0.1:3306/dinp")).isEqualTo("10.0.0.1");
        assertThat(DbOptions.hostOf("jdbc:mariadb://db.internal/dinp?x=1")).isEqualTo("db.internal");
        assertThat(DbOptions.hostOf("jdbc:mariadb://[::1]:3306/dinp")).isEqualTo("::1");
        assertThat(DbOptions.hostOf("jdbc:mariadb://a:1,b:2/dinp")).isEqualTo("a");
        assertThat(Loopback.host("127.0.0.1")).isTrue();
        assertThat(Loopback.host("::1")).isTrue();
        assertThat(Loopback.host("10.0.0.1")).isFalse();
    }
}
