package io.dinp.routebus;

/**
 * The Redis names shared by the route publisher and its routers: the key holding the JSON of the
 * whole latest table and the channel carrying one JSON {@link io.dinp.model.RouteChange} per
 * published table. A prefix other than the default lets several clusters (or tests) share a Redis.
 */
public record RedisRouteKeys(String snapshot, String changes) {
    public static final RedisRouteKeys DEFAULT = withPrefix("dinp:routes");

    /** The key holding "term version" of the last table published: the fence between leaders. */
    public String fence() {
        return snapshot + ":fence";
    }

    public static RedisRouteKeys withPrefix(String prefix) {
        return new RedisRouteKeys(prefix + ":snapshot", prefix + ":changes");
    }
}
