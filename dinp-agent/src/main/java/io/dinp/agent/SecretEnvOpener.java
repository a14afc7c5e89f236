package io.dinp.agent;

import io.dinp.common.secret.SecretBox;
import io.dinp.common.secret.SecretException;
import io.dinp.model.InstanceSpec;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Opens an instance's sealed secrets right before its container is created — the only place
 * outside dash where a secret's plaintext exists. Nothing here logs or keeps a value.
 */
final class SecretEnvOpener {
    private final Supplier<SecretBox> box;

    /** @param box the cluster's keys, read when first needed: nodes without secret apps need no key */
    SecretEnvOpener(Supplier<SecretBox> box) {
        this.box = box;
    }

    /** An opener for agents without a key file: any instance with secrets fails with that reason. */
    static SecretEnvOpener none() {
        return new SecretEnvOpener(() -> {
            throw new SecretException("this agent has no secret key (start it with --secret-key-file)");
        });
    }

    /**
     * The plaintext of each secret of {@code spec}, by name.
     *
     * @throws LaunchException naming the variable and why it does not open, never its value
     */
    Map<String, String> open(InstanceSpec spec) throws LaunchException {
        Map<String, String> out = new TreeMap<>();
        for (var e : spec.secretEnv().entrySet()) {
            try {
                out.put(e.getKey(), box.get().open(e.getValue(), SecretBox.envContext(spec.app(), e.getKey())));
            } catch (SecretException ex) {
                throw new LaunchException("cannot open the secret " + e.getKey() + " of app " + spec.app() + ": "
                        + ex.getMessage(), null);
            }
        }
        return out;
    }
}
