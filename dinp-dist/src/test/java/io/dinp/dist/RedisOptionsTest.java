package io.dinp.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dinp.routebus.RedisEndpoint;
import io.dinp.testkit.TestCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class RedisOptionsTest {
    @TempDir
    Path dir;

    static RedisOptions parse(String... args) {
        RedisOptions options = new RedisOptions();
        new CommandLine(options).parseArgs(args);
        return options;
    }

    @Test
    void thePasswordComesFromItsFileAndNeverShows() throws Exception {
        Path pw = Files.writeString(dir.resolve("redis-password"), "s3cret-from-file\n");
        Path ca = Files.writeString(dir.resolve("ca.crt"), TestCertificates.cert("apps"));
        RedisEndpoint e = parse("--redis-password-file", pw.toString(), "--redis-ca-cert", ca.toString())
                .endpoint("rediss://10.0.0.1:6380");
        assertThat(e.tls()).isTrue();
        assertThat(e.toString()).isEqualTo("rediss://10.0.0.1:6380 (password ***) (CA " + ca + ")");
    }

    @Test
    void everyMistakeNamesItsOption() throws Exception {
        Path ca = Files.writeString(dir.resolve("ca.crt"), TestCertificates.cert("apps"));
        assertThatThrownBy(() -> parse().endpoint("redis://:pw@10.0.0.1:6379"))
                .hasMessageStartingWith("--redis: ").hasMessageContaining("carries credentials").hasMessageNotContaining(":pw@");
        assertThatThrownBy(() -> parse("--redis-ca-cert", ca.toString()).endpoint("redis://10.0.0.1:6379"))
                .hasMessageStartingWith("--redis-ca-cert needs a rediss://");
        assertThatThrownBy(() -> parse("--redis-ca-cert", dir.resolve("missing.crt").toString()).endpoint("rediss://h:1"))
                .hasMessageStartingWith("--redis-ca-cert: cannot read");
        assertThatThrownBy(() -> parse("--redis-password-file", dir.resolve("missing").toString()).endpoint("rediss://h:1"))
                .hasMessageStartingWith("--redis-password-file: cannot read");
        Path empty = Files.writeString(dir.resolve("empty"), "\n");
        assertThatThrownBy(() -> parse("--redis-password-file", empty.toString()).endpoint("rediss://h:1"))
                .hasMessageContaining("is empty");
        assertThatThrownBy(() -> parse("--redis-ca-cert", ca.toString()).endpoint(null))
                .hasMessage("--redis-password-file and --redis-ca-cert need --redis");
        assertThat(parse().endpoint(null)).isNull();
    }
}
