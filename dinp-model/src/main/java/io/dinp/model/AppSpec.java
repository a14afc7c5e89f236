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
 * @param env        the plain variables
 * @param secretEnv  the secret variables, name → {@link SealedValue sealed} value: only the agent
 *                   that creates a container opens them; no name is in both maps
 * @param health     how the health monitors check its instances (changing it restarts nothing)
 * @param generation bumped on every change, so a reader can tell two versions apart
 */
public record AppSpec(String name, String image, int instances, int memoryMb,
                      Map<String, String> env, Map<String, String> secretEnv, HealthSettings health, long generation) {

    public AppSpec {
        image = image == null ? "" : image;
        env = env == null ? Map.of() : Map.copyOf(env);
        secretEnv = secretEnv == null ? Map.of() : Map.copyOf(secretEnv);
        health = health == null ? HealthSettings.DEFAULTS : health;
    }

    /** Without secrets. */
    public AppSpec(String name, String image, int instances, int memoryMb, Map<String, String> env,
                   HealthSettings health, long generation) {
        this(name, image, instances, memoryMb, env, Map.of(), health, generation);
    }

    /** With the default checks on {@code healthPath}. */
    public AppSpec(String name, String image, int instances, int memoryMb, Map<String, String> env,
                   String healthPath, long generation) {
        this(name, image, instances, memoryMb, env, Map.of(), HealthSettings.DEFAULTS.withPath(healthPath), generation);
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
        return specHash(image, memoryMb, env, secretEnv);
    }

    /**
     * The hash of an instance made of these. Secrets count by their sealed form: a secret sent
     * back masked keeps its sealed value and restarts nothing, a new value does; and the hash,
     * which the API shows, is computed from no plaintext a reader could guess and check.
     */
    static String specHash(String image, int memoryMb, Map<String, String> env, Map<String, String> secretEnv) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            StringBuilder sb = new StringBuilder().append(image).append('\n').append(memoryMb).append('\n');
            new TreeMap<>(env).forEach((k, v) -> sb.append(k).append('=').append(v).append('\0'));
            // apps without secrets keep the hash they had before secrets existed: an upgrade restarts nothing
            if (!secretEnv.isEmpty()) {
                sb.append("\nsecret\n");
                new TreeMap<>(secretEnv).forEach((k, v) -> sb.append(k).append('=').append(v).append('\0'));
            }
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
        return new AppSpec(name, image, n, memoryMb, env, secretEnv, health, generation);
    }

    public AppSpec withHealth(HealthSettings h) {
        return new AppSpec(name, image, instances, memoryMb, env, secretEnv, h, generation);
    }

    public AppSpec withImage(String newImage) {
        return new AppSpec(name, newImage, instances, memoryMb, env, secretEnv, health, generation);
    }

    public AppSpec withGeneration(long g) {
        return new AppSpec(name, image, instances, memoryMb, env, secretEnv, health, g);
    }

    /**
     * The same app running what {@code s} is made of (image, memory, env and the sealed secrets
     * those instances got): a rollback's target.
     */
    public AppSpec runningAs(InstanceSpec s, long nextGeneration) {
        return new AppSpec(name, s.image(), instances, s.memoryMb(), s.env(), s.secretEnv(), health, nextGeneration);
    }

    /** Names only for the variables: the record may reach a log line, and a plain value may still be sensitive. */
    @Override
    public String toString() {
        return "AppSpec[name=" + name + ", image=" + image + ", instances=" + instances + ", memoryMb=" + memoryMb
                + ", env=" + new TreeMap<>(env).keySet() + ", secretEnv=" + new TreeMap<>(secretEnv).keySet()
                + ", health=" + health + ", generation=" + generation + "]";
    }
}
