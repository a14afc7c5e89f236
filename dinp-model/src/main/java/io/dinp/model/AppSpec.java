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
 * @param generation bumped on every change, so a reader can tell two versions apart
 */
public record AppSpec(String name, String image, int instances, int memoryMb,
                      Map<String, String> env, String healthPath, long generation) {

    public AppSpec {
        image = image == null ? "" : image;
        env = env == null ? Map.of() : Map.copyOf(env);
        healthPath = healthPath == null ? "/" : healthPath;
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
        return new AppSpec(name, image, n, memoryMb, env, healthPath, generation);
    }
}
