package io.dinp.routebus;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;
import java.util.Optional;

/**
 * One connection and a PING, at a role's start: a wrong password or an untrusted certificate is a
 * mistake to report at once rather than a warning repeated forever by the background retries.
 */
public final class RedisProbe {
    private RedisProbe() {
    }

    /** Empty when {@code endpoint} answers PING with the password and TLS settings given. */
    public static Optional<RedisFailure> check(RedisEndpoint endpoint) {
        RedisClient client = RedisConnections.client(endpoint);
        try (StatefulRedisConnection<String, String> c = client.connect(StringCodec.UTF8)) {
            c.sync().ping();
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of(RedisFailure.of(endpoint, e));
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }
}
