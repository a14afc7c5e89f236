package io.dinp.routebus;

import io.dinp.common.PemTrust;
import io.dinp.testkit.SharedRedis;
import io.lettuce.core.RedisClient;

/** The shared test Redis as an endpoint, with its password and CA when ./dinp test gave it them. */
final class TestRedis {
    private TestRedis() {
    }

    static RedisEndpoint shared() {
        RedisEndpoint endpoint = RedisEndpoint.of(SharedRedis.uri());
        endpoint = SharedRedis.password().map(endpoint::withPassword).orElse(endpoint);
        return SharedRedis.caCertificate().map(ca -> PemTrust.read(ca, "DINP_TEST_REDIS_CA_CERT")).map(endpoint::withTrust)
                .orElse(endpoint);
    }

    /** A bare Lettuce client of the shared Redis, for tests that write to it behind DINP's back. */
    static RedisClient client() {
        return RedisConnections.client(shared());
    }
}
