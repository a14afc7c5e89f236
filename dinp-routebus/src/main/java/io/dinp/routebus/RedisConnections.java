package io.dinp.routebus;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import java.time.Duration;

/** A Redis client for small periodic commands: short timeouts, and failing at once while disconnected. */
final class RedisConnections {
    static final Duration TIMEOUT = Duration.ofSeconds(2);

    private RedisConnections() {
    }

    static RedisClient client(String redisUri) {
        RedisURI uri = RedisURI.create(redisUri);
        uri.setTimeout(TIMEOUT);
        RedisClient client = RedisClient.create(uri);
        // a reading that cannot be sent now is worthless later: no queue of old commands
        client.setOptions(ClientOptions.builder()
                .socketOptions(SocketOptions.builder().connectTimeout(TIMEOUT).build())
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .build());
        return client;
    }
}
