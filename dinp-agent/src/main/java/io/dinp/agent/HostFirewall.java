package io.dinp.agent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs iptables to bring this node's rules to {@link FirewallRules#rules}: at start (which also
 * takes over, or clears, what a killed agent of this node left) and at stop (its rules go). The
 * decisions are {@link FirewallRules}'; this class only lists chains and runs the commands.
 * Agents sharing a host each own their copy, tagged with their node id, and never touch another's.
 */
final class HostFirewall {
    private static final Logger log = LoggerFactory.getLogger(HostFirewall.class);
    private static final long TIMEOUT_SECONDS = 20;

    private final String nodeId;
    private final boolean on;
    /** Null when no --allow-from was given: only this host then. */
    private final List<String> allowFrom;
    /** The last {@link #install()} or {@link #recheck()} brought the rules to what is wanted. */
    private boolean inPlace;
    /** After {@link #remove()}: a late recheck adds nothing. */
    private boolean stopped;

    /**
     * @param on        the rules wanted ({@code --host-firewall}); false: none, and any this node left are removed
     * @param allowFrom {@code --allow-from} as given, null when not given
     */
    HostFirewall(String nodeId, boolean on, List<String> allowFrom) {
        this.nodeId = nodeId;
        this.on = on;
        this.allowFrom = allowFrom == null ? null : FirewallRules.cidrs(allowFrom);
    }

    /** The INPUT rule after {@code iptables -C/-D}: the chain and its match (for tests that look for it). */
    static List<String> rule(String nodeId) {
        return FirewallRules.rules(nodeId, true, null).getFirst().args();
    }

    /** The rules this agent wants. */
    List<FirewallRules.Rule> wanted() {
        return on ? FirewallRules.rules(nodeId, true, allowFrom == null ? List.of() : allowFrom) : List.of();
    }

    /**
     * Brings this node's rules to {@link #wanted()}: nothing runs when they are there already.
     * False (and a warning) when iptables cannot.
     */
    synchronized boolean install() {
        List<FirewallRules.Rule> wanted = wanted();
        if (on && allowFrom == null) {
            log.warn("no --allow-from: app containers' published ports answer only this host; routers and health "
                    + "monitors on other hosts need their addresses in --allow-from (docs/security.md)");
        }
        boolean ok = apply(wanted, false) >= 0;
        inPlace = ok;
        if (on && ok) {
            log.info("firewall: app networks (bridges {}+) open no connection to this host; their published ports "
                    + "accept connections from this host{}", AppNetworks.BRIDGE_PREFIX,
                    allowFrom == null || allowFrom.isEmpty() ? " only" : " and " + String.join(", ", allowFrom));
        }
        return ok || !on;
    }

    /**
     * Puts this node's rules back if something else changed them since (an {@code iptables -F}, a
     * firewall service reloading its rules, an operator): quiet when they are as they should be, and
     * when iptables could not set them up at start either (that was warned about once).
     */
    synchronized void recheck() {
        if (!on || stopped) {
            return;
        }
        int changes = apply(wanted(), true);
        if (changes > 0 && inPlace) {
            log.warn("this node's firewall rules had been changed outside the agent: put them back ({} iptables commands)", changes);
        } else if (changes >= 0 && !inPlace) {
            log.info("firewall rules of this node in place now (iptables or Docker's chain was not ready before)");
        }
        inPlace = changes >= 0;
    }

    /** Removes this node's rules (on a clean stop); a killed agent leaves them for its next start. */
    synchronized void remove() {
        stopped = true;
        inPlace = false;
        if (on) {
            apply(List.of(), false);
        }
    }

    /** The number of iptables changes made, or -1 when they could not all be made. */
    private int apply(List<FirewallRules.Rule> wanted, boolean quiet) {
        try {
            Map<String, String> listings = new LinkedHashMap<>();
            boolean complete = true;
            for (String chain : FirewallRules.CHAINS) {
                Run r = run(List.of("-S", chain));
                if (r.exit() == 0) {
                    listings.put(chain, r.out());
                } else if (wanted.stream().anyMatch(w -> w.chain().equals(chain))) {
                    // the other chain's rules still go in (DOCKER-USER is missing while Docker has not started)
                    warn("cannot list the chain " + chain + " (" + r.out().strip() + ")", quiet);
                    complete = false;
                }
            }
            FirewallRules.Plan plan = FirewallRules.plan(nodeId, listings, wanted);
            for (List<String> d : plan.delete()) {
                List<String> cmd = new ArrayList<>(List.of("-D"));
                cmd.addAll(d);
                Run r = run(cmd);
                if (r.exit() != 0) {
                    log.warn("cannot remove the firewall rule {}: {}", d, r.out().strip());
                } else {
                    log.info("removed firewall rule: {}", d.stream().map(w -> w.contains(" ") ? '"' + w + '"' : w)
                            .collect(java.util.stream.Collectors.joining(" ")));
                }
            }
            for (List<String> i : plan.insert()) {
                List<String> cmd = new ArrayList<>(List.of("-I"));
                cmd.addAll(i);
                Run r = run(cmd);
                if (r.exit() != 0) {
                    warn("iptables -I " + String.join(" ", i) + " failed: " + r.out().strip(), quiet);
                    return -1;
                }
            }
            return complete ? plan.delete().size() + plan.insert().size() : -1;
        } catch (IOException e) {
            warn("cannot run iptables (" + e.getMessage() + ")", quiet);
            return -1;
        }
    }

    private void warn(String why, boolean quiet) {
        if (!on || quiet) {
            log.debug("firewall: {}", why);
            return;
        }
        log.warn("cannot set up the firewall rules that confine app containers: {}. Run the agent as root with "
                + "iptables, or add the rules of docs/security.md yourself: apps can reach each other's published "
                + "ports through this host's addresses, and any host can reach them from the network", why);
    }

    private record Run(int exit, String out) {
    }

    private Run run(List<String> args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("iptables", "-w", "5"));
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try {
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("iptables " + args.getFirst() + " did not finish in " + TIMEOUT_SECONDS + " s");
            }
            return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IOException("interrupted", e);
        }
    }
}
