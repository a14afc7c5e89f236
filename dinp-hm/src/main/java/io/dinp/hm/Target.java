package io.dinp.hm;

import io.dinp.model.HealthSettings;
import java.util.Objects;

/**
 * One instance for {@link HealthChecker} to check: where it listens, how to check it, and the
 * health it is already known to have, so an instance handed over from another monitor carries on
 * rather than starting again.
 *
 * <p>The port is not validated here: a target with a bad port (0, say) is still checked, and its
 * checks fail saying why, like any other unreachable instance.
 *
 * @param initial the state checks start from: {@link HealthState#starting} for a new instance
 */
public record Target(String instanceId, String app, String host, int port, HealthSettings settings,
                     HealthState initial) {
    public Target {
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(initial, "initial");
        // the host goes into the Host header as it is
        if (host.isEmpty() || host.chars().anyMatch(c -> c <= ' ' || c == 127)) {
            throw new IllegalArgumentException("host must be a name or an address without spaces, was \"" + host + "\"");
        }
    }

    /** Whether {@code other} is checked at the same host and port: another address is another connection. */
    boolean sameAddress(Target other) {
        return host.equals(other.host) && port == other.port;
    }
}
