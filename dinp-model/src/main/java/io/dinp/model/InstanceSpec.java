package io.dinp.model;

import java.util.Map;
import java.util.TreeMap;

/**
 * One instance the server wants a node to run: everything the agent needs to create its container.
 *
 * @param secretEnv name → {@link SealedValue sealed} value; the agent opens them only to create the container
 */
public record InstanceSpec(String id, String app, String node, String image, int memoryMb,
                           Map<String, String> env, Map<String, String> secretEnv, String specHash) {
    public InstanceSpec {
        env = env == null ? Map.of() : Map.copyOf(env);
        secretEnv = secretEnv == null ? Map.of() : Map.copyOf(secretEnv);
    }

    /** Without secrets. */
    public InstanceSpec(String id, String app, String node, String image, int memoryMb, Map<String, String> env,
                        String specHash) {
        this(id, app, node, image, memoryMb, env, Map.of(), specHash);
    }

    public static InstanceSpec of(String id, AppSpec app, String node) {
        return new InstanceSpec(id, app.name(), node, app.image(), app.memoryMb(), app.env(), app.secretEnv(),
                app.specHash());
    }

    /** Names only for the variables: assignments are logged and sent around. */
    @Override
    public String toString() {
        return "InstanceSpec[id=" + id + ", app=" + app + ", node=" + node + ", image=" + image + ", memoryMb=" + memoryMb
                + ", env=" + new TreeMap<>(env).keySet() + ", secretEnv=" + new TreeMap<>(secretEnv).keySet()
                + ", specHash=" + specHash + "]";
    }
}
