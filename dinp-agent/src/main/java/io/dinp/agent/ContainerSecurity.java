package io.dinp.agent;

import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.HostConfig;
import java.util.List;
import java.util.Map;

/**
 * The confinement part of a container's host configuration, from the {@link ContainerPolicy}:
 * a pure function, so what every container gets is checked without Docker.
 */
final class ContainerSecurity {
    /** Docker's spelling; set explicitly, whatever the daemon's default. */
    static final String NO_NEW_PRIVILEGES = "no-new-privileges:true";

    private ContainerSecurity() {
    }

    /**
     * @param readOnly   the image's stack runs with a read-only root file system (its label {@value ContainerPolicy#READ_ONLY_LABEL})
     * @param memoryMb   the container's memory limit; its {@code /tmp} tmpfs may be as large, since tmpfs pages
     *                   count against that limit anyway
     */
    static HostConfig apply(HostConfig h, ContainerPolicy policy, boolean readOnly, int memoryMb) {
        h.withPrivileged(false)
                // no ambient authority: apps listen on 8080 and stacks run as an unprivileged user
                .withCapDrop(Capability.ALL)
                .withCapAdd(policy.capAdd().stream().map(Capability::valueOf).toArray(Capability[]::new))
                // setuid binaries in the image cannot raise the app's privileges
                .withSecurityOpts(List.of(NO_NEW_PRIVILEGES))
                .withReadonlyRootfs(readOnly);
        if (policy.pidsLimit() > 0) {
            // a fork bomb stops at the limit instead of taking the node's process table
            h.withPidsLimit((long) policy.pidsLimit());
        }
        if (readOnly) {
            h.withTmpFs(Map.of("/tmp", "rw,nosuid,nodev,mode=1777,size=" + memoryMb + "m"));
        }
        return h;
    }
}
