package io.dinp.routebus;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.SslOptions;
import io.lettuce.core.SslVerifyMode;
import io.lettuce.core.resource.ClientResources;
import java.time.Duration;

/**
 * Lettuce clients for every DINP use of Redis, so each one gets the endpoint's password and TLS the
 * same way: short timeouts, and commands failing at once while disconnected (each caller retries
 * with fresh data itself; a queue would only replay stale commands).
 */
final class RedisConnections {
    static final Duration TIMEOUT = Duration.ofSeconds(2);

    private RedisConnections() {
    }

    static RedisClient client(RedisEndpoint endpoint) {
        RedisClient client = RedisClient.create(uri(endpoint));
        client.setOptions(options(endpoint));
        return client;
    }

    static RedisClient client(ClientResources resources, RedisEndpoint endpoint) {
        RedisClient client = RedisClient.create(resources, uri(endpoint));
        client.setOptions(options(endpoint));
        return client;
    }

    static RedisURI uri(RedisEndpoint endpoint) {
        RedisURI uri = RedisURI.create(endpoint.uri());
        uri.setTimeout(TIMEOUT);
        if (endpoint.tls()) {
            // FULL: the chain and the name (host or IP in the URI) must both match; a certificate for
            // another host, even from the right CA, is refused
            uri.setVerifyPeer(SslVerifyMode.FULL);
        }
        endpoint.password().ifPresent(p -> uri.setAuthentication(p.toCharArray()));
        return uri;
    }

    private static ClientOptions options(RedisEndpoint endpoint) {
        ClientOptions.Builder options = ClientOptions.builder()
                .socketOptions(SocketOptions.builder().connectTimeout(TIMEOUT).build())
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
        endpoint.trust().ifPresent(trust -> options.sslOptions(SslOptions.builder()
                .jdkSslProvider()
                .trustManager(trust.trustManagers())
                .build()));
        return options.build();
    }
}
