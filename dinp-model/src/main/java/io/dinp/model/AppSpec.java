package io.dinp.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The desired state of one app, as the team declared it.
 *
 * @param health     how the health monitors check its instances (changing it restarts nothing)
 * @param generation bumped on every change, so a reader can tell two versions apart
 */
public record AppSpec(String name, String image, int instances, int memoryMb,
                      Map<String, String> env, HealthSettings health, long generation) {

    public AppSpec {
        image = image == null ? "" : image;
        env = env == null ? Map.of() : Map.copyOf(env);
        health = health == null ? HealthSettings.DEFAULTS : health;
    }

    /** With the default checks on {@code healthPath}. */
    public AppSpec(String name, String image, int instances, int memoryMb, Map<String, String> env,
                   String healthPath, long generation) {
        this(name, image, instances, memoryMb, env, HealthSettings.DEFAULTS.withPath(healthPath), generation);
    }

    /** The path the health monitors request. */
    public String healthPath() {
        return health.path();
    }

    /**
     * What an instance is made of: a change here needs new containers, a change of the
     * instance count does not. Env is sorted so the hash does not depend on map order.
     */
    public String specHash() {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            StringBuilder sb = new StringBuilder().append(image).append('\n').append(memoryMb).append('\n');
            new TreeMap<>(env).forEach((k, v) -> sb.append(k).append('=').append(v).append('\0'));
            byte[] d = md.digest(sb.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** False for an app created without an image, waiting for its first release: nothing can run yet. */
    public boolean hasImage() {
        return !image.isEmpty();
    }

    public AppSpec withInstances(int n) {
        return new AppSpec(name, image, n, memoryMb, env, health, generation);
    }

    public AppSpec withHealth(HealthSettings h) {
        return new AppSpec(name, image, instances, memoryMb, env, h, generation);
    }

    /** The same app running what {@code s} is made of (image, memory, env): a rollback's target. */
    public AppSpec runningAs(InstanceSpec s, long nextGeneration) {
        return new AppSpec(name, s.image(), instances, s.memoryMb(), s.env(), health, nextGeneration);
    }
}
