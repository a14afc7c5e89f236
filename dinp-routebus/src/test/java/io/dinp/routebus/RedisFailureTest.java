package io.dinp.routebus;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisConnectionException;
import java.net.ConnectException;
import java.security.cert.CertPathValidatorException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/** The causes as Lettuce wraps them; the live versions are in SecuredRedisIT. */
class RedisFailureTest {
    static final RedisEndpoint TLS = RedisEndpoint.of("rediss://10.0.0.1:6380").withPassword("pw");

    static RuntimeException wrapped(Throwable cause) {
        return new RedisConnectionException("Unable to connect to 10.0.0.1/<unresolved>:6380", cause);
    }

    @Test
    void aRefusedPasswordIsASettingsMistake() {
        RedisFailure f = RedisFailure.of(TLS, wrapped(new RedisCommandExecutionException(
                "WRONGPASS invalid username-password pair or user is disabled.")));
        assertThat(f.settings()).isTrue();
        assertThat(f.message()).startsWith("Redis at rediss://10.0.0.1:6380 refused the password (WRONGPASS");
    }

    @Test
    void anUntrustedCertificateNamesTheTrustUsed() {
        SSLHandshakeException handshake = new SSLHandshakeException("PKIX path building failed");
        handshake.initCause(new CertPathValidatorException("no trust anchor"));
        RedisFailure f = RedisFailure.of(TLS, wrapped(handshake));
        assertThat(f.settings()).isTrue();
        assertThat(f.message()).contains("not signed by a trusted CA").contains("JVM's default CAs");
    }

    @Test
    void anUnreachableRedisIsNotASettingsMistake() {
        RedisFailure f = RedisFailure.of(TLS, wrapped(new ConnectException("Connection refused")));
        assertThat(f.settings()).isFalse();
        assertThat(f.message()).isEqualTo("Redis at rediss://10.0.0.1:6380 cannot be reached (Connection refused)");
    }

    @Test
    void anythingElseKeepsTheDeepestMessage() {
        RedisFailure f = RedisFailure.of(TLS, wrapped(new IllegalStateException("boom\nmore")));
        assertThat(f.settings()).isFalse();
        assertThat(f.message()).isEqualTo("Redis at rediss://10.0.0.1:6380: boom");
    }
}
