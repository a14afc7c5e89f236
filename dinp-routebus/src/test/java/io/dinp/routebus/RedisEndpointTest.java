package io.dinp.routebus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dinp.common.PemTrust;
import java.nio.file.Files;
import java.nio.file.Path;
import io.dinp.testkit.TestCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RedisEndpointTest {
    @TempDir
    Path dir;

    @Test
    void acceptsPlainAndTlsUrisWithAnOptionalDatabase() {
        assertThat(RedisEndpoint.of("redis://127.0.0.1:6379").tls()).isFalse();
        assertThat(RedisEndpoint.of("rediss://10.0.0.1:6380").tls()).isTrue();
        assertThat(RedisEndpoint.of("rediss://redis.internal:6380/2").uri()).isEqualTo("rediss://redis.internal:6380/2");
    }

    @Test
    void refusesCredentialsInTheUriWithoutRepeatingThem() {
        for (String uri : new String[] {"redis://:s3cret@10.0.0.1:6379", "rediss://dinp:s3cret@10.0.0.1:6380", "redis://s3cret@h:1"}) {
            assertThatThrownBy(() -> RedisEndpoint.of(uri))
                    .hasMessageContaining("carries credentials")
                    .hasMessageNotContaining("s3cret");
        }
    }

    @Test
    void refusesWhatIsNotARedisUri() {
        assertThatThrownBy(() -> RedisEndpoint.of("http://10.0.0.1:6379")).hasMessageContaining("redis:// or rediss://");
        assertThatThrownBy(() -> RedisEndpoint.of("redis:///0")).hasMessageContaining("names no host");
        assertThatThrownBy(() -> RedisEndpoint.of("redis://h:1/keys")).hasMessageContaining("database number");
        assertThatThrownBy(() -> RedisEndpoint.of("redis://h:1?timeout=5s")).hasMessageContaining("no query");
        assertThatThrownBy(() -> RedisEndpoint.of(" ")).hasMessageContaining("required");
        assertThatThrownBy(() -> RedisEndpoint.of("redis://pa ss@h:1")).hasMessageNotContaining("pa ss");
    }

    @Test
    void aCaCertificateNeedsTls() throws Exception {
        Path ca = Files.writeString(dir.resolve("ca.crt"), TestCertificates.cert("apps"));
        PemTrust trust = PemTrust.read(ca, "--redis-ca-cert");
        assertThatThrownBy(() -> RedisEndpoint.of("redis://h:1").withTrust(trust)).hasMessageContaining("rediss://");
        assertThat(RedisEndpoint.of("rediss://h:1").withTrust(trust).toString()).isEqualTo("rediss://h:1 (CA " + ca + ")");
    }

    @Test
    void showsThatAPasswordIsSetButNeverThePassword() {
        RedisEndpoint e = RedisEndpoint.of("rediss://10.0.0.1:6380").withPassword("s3cret-pw");
        assertThat(e.toString()).isEqualTo("rediss://10.0.0.1:6380 (password ***)").doesNotContain("s3cret-pw");
        assertThat(e.uri()).doesNotContain("s3cret-pw");
        assertThat(RedisConnections.uri(e).toString()).doesNotContain("s3cret-pw");
        assertThatThrownBy(() -> e.withPassword("")).hasMessageContaining("empty");
    }
}
