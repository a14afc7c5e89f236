package io.dinp.agent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refuses new connections from app networks to this host: Docker's isolation drops traffic
 * between app networks, but a container can still connect to a host address, and there
 * docker-proxy hands it any app's published port (and the host's own services: dash, Redis…).
 * One iptables rule in INPUT for every bridge named {@code dinp+}, tagged with the node id: each
 * agent adds its own copy and removes only that, so agents sharing a host never undo each other.
 * Answers to connections the host opened (the router's, the health checks') are not new and pass.
 */
final class HostFirewall {
    private static final Logger log = LoggerFactory.getLogger(HostFirewall.class);
    private static final long TIMEOUT_SECONDS = 20;

    private final List<String> rule;
    private boolean installed;

    HostFirewall(String nodeId) {
        this.rule = rule(nodeId);
    }

    /** The rule after {@code iptables -I/-C/-D}: the chain and its match. */
    static List<String> rule(String nodeId) {
        return List.of("INPUT", "-i", AppNetworks.BRIDGE_PREFIX + "+", "-m", "conntrack", "--ctstate", "NEW",
                "-m", "comment", "--comment", "dinp-agent " + nodeId + ": app networks reach no host port", "-j", "REJECT");
    }

    /** Adds the rule unless this node's copy is there; false (and a warning) when iptables refuses. */
    synchronized boolean install() {
        try {
            if (run("-C") != 0 && run("-I") != 0) {
                log.warn("cannot add the firewall rule that keeps app containers from this host's ports (iptables failed; "
                        + "run the agent as root or add it yourself, see docs/security.md): apps can reach each other's "
                        + "published ports through this host's addresses");
                return false;
            }
            installed = true;
            log.info("app networks (bridges {}+) cannot open connections to this host", AppNetworks.BRIDGE_PREFIX);
            return true;
        } catch (IOException e) {
            log.warn("cannot run iptables ({}): apps can reach each other's published ports through this host's "
                    + "addresses; add the rule of docs/security.md yourself", e.getMessage());
            return false;
        }
    }

    /** Removes this node's copies of the rule, if it added one. */
    synchronized void remove() {
        if (!installed) {
            return;
        }
        try {
            while (run("-C") == 0) {
                if (run("-D") != 0) {
                    break;
                }
            }
            installed = false;
        } catch (IOException e) {
            log.warn("cannot remove the firewall rule for app networks: {}", e.getMessage());
        }
    }

    private int run(String action) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("iptables", "-w", "5", action));
        cmd.addAll(rule);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try {
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("iptables " + action + " did not finish in " + TIMEOUT_SECONDS + " s");
            }
            if (p.exitValue() != 0 && !"-C".equals(action)) {
                log.debug("iptables {}: {}", action, new String(out, StandardCharsets.UTF_8).strip());
            }
            return p.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IOException("interrupted", e);
        }
    }
}
