package io.dinp.model;

import java.util.Map;

/**
 * One instance the server wants a node to run: everything the agent needs to create its container.
 */
public record InstanceSpec(String id, String app, String node, String image, int memoryMb,
                           Map<String, String> env, String specHash) {
    public InstanceSpec {
        env = env == null ? Map.of() : Map.copyOf(env);
    }

    public static InstanceSpec of(String id, AppSpec app, String node) {
        return new InstanceSpec(id, app.name(), node, app.image(), app.memoryMb(), app.env(), app.specHash());
    }
}
