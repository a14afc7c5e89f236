package io.dinp.routebus;

import io.dinp.common.Json;
import io.dinp.model.RouterTraffic;
import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads every live router's counters from Redis (see {@link RedisTrafficPublisher}): the ids from
 * the set, their values in one MGET. Ids whose value expired are routers that are gone; they are
 * taken out of the set here. No KEYS, no SCAN.
 */
public final class RedisTrafficReader implements AutoCloseable {
    private final RedisClient client;
    private final RedisTrafficKeys keys;
    private StatefulRedisConnection<String, String> connection;

    public RedisTrafficReader(RedisEndpoint endpoint, RedisTrafficKeys keys) {
        this.client = RedisConnections.client(endpoint);
        this.keys = keys;
    }

    /** Per router its latest reading: per app, what the router counted since it started. */
    public synchronized Map<String, RouterTraffic> read() throws Exception {
        if (connection == null) {
            connection = client.connect(StringCodec.UTF8);
        }
        var redis = connection.sync();
        List<String> routers = redis.zrange(keys.routers(), 0, -1);
        Map<String, RouterTraffic> out = new LinkedHashMap<>();
        if (routers.isEmpty()) {
            return out;
        }
        List<KeyValue<String, String>> values = redis.mget(routers.stream().map(keys::of).toArray(String[]::new));
        for (int i = 0; i < routers.size(); i++) {
            KeyValue<String, String> v = values.get(i);
            if (v.hasValue()) {
                out.put(routers.get(i), Json.MAPPER.readValue(v.getValue(), RouterTraffic.class));
            } else {
                redis.zrem(keys.routers(), routers.get(i));
            }
        }
        return out;
    }

    @Override
    public synchronized void close() {
        if (connection != null) {
            connection.close();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
