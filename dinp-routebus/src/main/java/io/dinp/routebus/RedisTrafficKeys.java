package io.dinp.routebus;

/**
 * The Redis names of the routers' traffic counters: a sorted set of router ids, and one key per
 * router holding the JSON of its per-app counters, set with a time to live so a router that is
 * gone drops out by itself. A prefix other than the default lets several clusters share a Redis.
 */
public record RedisTrafficKeys(String routers, String prefix) {
    public static final RedisTrafficKeys DEFAULT = withPrefix("dinp:traffic");

    public static RedisTrafficKeys withPrefix(String prefix) {
        return new RedisTrafficKeys(prefix + ":routers", prefix + ":router:");
    }

    public String of(String router) {
        return prefix + router;
    }
}
