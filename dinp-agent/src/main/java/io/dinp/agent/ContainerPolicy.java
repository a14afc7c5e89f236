package io.dinp.agent;

import java.util.List;
import java.util.Locale;

/**
 * How the agent confines the containers it creates (see docs/security.md, "Secrets and containers").
 * Every container drops all capabilities (but {@code capAdd}), cannot gain privileges, runs
 * under a limit of processes besides its memory limit, mounts nothing of the host, and — when
 * its image says its stack allows it — has a read-only root file system with a tmpfs {@code /tmp}.
 *
 * @param pidsLimit   processes and threads one container may have at once; 0 for Docker's default (no limit)
 * @param capAdd      capabilities given back after dropping all, e.g. {@code NET_BIND_SERVICE}; none by default
 *                    (apps listen on 8080 and the stacks run as an unprivileged user)
 * @param appNetworks each app's containers on a bridge network of their own, unable to reach each other's
 *                    containers; false: Docker's default bridge, where they can
 * @param networkPool the address range the app networks' subnets are taken from
 * @param hostFirewall refuse new connections from app networks to this host (which would otherwise lead to
 *                    every app's published port and the host's own services), and connections from other hosts
 *                    to app containers unless they come from {@code allowFrom}
 * @param allowFrom   IPv4 addresses or CIDRs of the routers and health monitors on other hosts, the only sources
 *                    (besides this host) that reach app containers' published ports; null: none given, this host only
 */
public record ContainerPolicy(int pidsLimit, List<String> capAdd, boolean appNetworks, String networkPool,
                              boolean hostFirewall, List<String> allowFrom) {
    public static final int DEFAULT_PIDS_LIMIT = 512;
    public static final String DEFAULT_NETWORK_POOL = "10.213.0.0/16";
    /** An image label: {@code true} when its stack runs with a read-only root file system. */
    public static final String READ_ONLY_LABEL = "io.dinp.read-only";
    /** Never given back: each of these alone is a way out of the container or into the host. */
    static final List<String> REFUSED_CAPS = List.of("ALL", "SYS_ADMIN", "SYS_MODULE", "SYS_PTRACE", "SYS_RAWIO",
            "NET_ADMIN", "DAC_READ_SEARCH", "SYS_BOOT", "MAC_ADMIN", "MAC_OVERRIDE", "BPF", "PERFMON", "SYS_TIME");

    public ContainerPolicy {
        if (pidsLimit < 0) {
            throw new IllegalArgumentException("--pids-limit must be 0 (no limit) or more, was " + pidsLimit);
        }
        if (pidsLimit > 0 && pidsLimit < 16) {
            throw new IllegalArgumentException("--pids-limit below 16 leaves no room for an app's own threads, was " + pidsLimit);
        }
        capAdd = capAdd == null ? List.of() : capAdd.stream()
                .map(c -> c.toUpperCase(Locale.ROOT).replaceFirst("^CAP_", "")).distinct().toList();
        for (String c : capAdd) {
            if (REFUSED_CAPS.contains(c)) {
                throw new IllegalArgumentException("--cap-add: " + c + " is never given to app containers");
            }
            try {
                com.github.dockerjava.api.model.Capability.valueOf(c);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--cap-add: not a capability name: " + c);
            }
        }
        networkPool = networkPool == null || networkPool.isBlank() ? DEFAULT_NETWORK_POOL : networkPool;
        SubnetPool.parse(networkPool); // fails early, naming the option
        allowFrom = allowFrom == null ? null : FirewallRules.cidrs(allowFrom); // likewise
    }

    /** Without --allow-from. */
    public ContainerPolicy(int pidsLimit, List<String> capAdd, boolean appNetworks, String networkPool, boolean hostFirewall) {
        this(pidsLimit, capAdd, appNetworks, networkPool, hostFirewall, null);
    }

    /** Every default: 512 processes, no capability, app networks from 10.213.0.0/16, the host firewall on. */
    public static ContainerPolicy defaults() {
        return new ContainerPolicy(DEFAULT_PIDS_LIMIT, List.of(), true, DEFAULT_NETWORK_POOL, true);
    }

    /** Containers on Docker's default bridge and no firewall: what the agent did before; for tests of other things. */
    public static ContainerPolicy withoutNetworkIsolation() {
        return new ContainerPolicy(DEFAULT_PIDS_LIMIT, List.of(), false, DEFAULT_NETWORK_POOL, false);
    }

    public ContainerPolicy withPidsLimit(int n) {
        return new ContainerPolicy(n, capAdd, appNetworks, networkPool, hostFirewall, allowFrom);
    }

    public ContainerPolicy withHostFirewall(boolean on) {
        return new ContainerPolicy(pidsLimit, capAdd, appNetworks, networkPool, on, allowFrom);
    }

    /** @param cidrs the only other hosts that reach app containers (see {@link #allowFrom()}) */
    public ContainerPolicy withAllowFrom(List<String> cidrs) {
        return new ContainerPolicy(pidsLimit, capAdd, appNetworks, networkPool, hostFirewall, cidrs);
    }
}
