package io.dinp.dist;

import io.dinp.agent.ContainerPolicy;
import java.util.List;
import picocli.CommandLine.Option;

/** How an agent confines app containers: for {@code dinp agent} and {@code dinp up} (docs/security.md). */
final class ContainerOptions {
    @Option(names = "--pids-limit", defaultValue = "512", paramLabel = "N",
            description = "processes and threads one container may run at once; 0 for no limit (default: ${DEFAULT-VALUE})")
    int pidsLimit;

    @Option(names = "--cap-add", split = ",", paramLabel = "CAP",
            description = "capabilities given back to app containers after dropping all, e.g. NET_BIND_SERVICE (default: none)")
    List<String> capAdd;

    @Option(names = "--app-networks", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "a bridge network per app, so apps cannot reach each other's containers directly (default: ${DEFAULT-VALUE})")
    boolean appNetworks;

    @Option(names = "--app-network-range", defaultValue = ContainerPolicy.DEFAULT_NETWORK_POOL, paramLabel = "CIDR",
            description = "IPv4 range the app networks' /24 subnets come from (default: ${DEFAULT-VALUE})")
    String networkRange;

    @Option(names = "--host-firewall", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "iptables rules that refuse new connections from app networks to this host, where every app's "
                    + "published port is, and from other hosts than --allow-from to app containers (needs root; "
                    + "default: ${DEFAULT-VALUE})")
    boolean hostFirewall;

    @Option(names = "--allow-from", split = ",", paramLabel = "CIDR",
            description = {"with --host-firewall: the only other hosts whose connections reach app containers' published "
                    + "ports here, IPv4 addresses or CIDRs of the routers and health monitors, e.g. 10.0.0.5,10.0.1.0/24. "
                    + "Everyone else is refused, app containers on other nodes included; 0.0.0.0/0 lets everyone. "
                    + "Default: this host only (a router or monitor on this host always reaches them)"})
    List<String> allowFrom;

    /** @throws IllegalArgumentException naming the option that is wrong */
    ContainerPolicy policy() {
        return new ContainerPolicy(pidsLimit, capAdd, appNetworks, networkRange, hostFirewall && appNetworks, allowFrom);
    }
}
