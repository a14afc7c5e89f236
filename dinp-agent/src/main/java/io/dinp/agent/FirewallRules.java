package io.dinp.agent;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The iptables rules an agent owns, and how to bring a host's chains to them. Pure: the caller
 * lists the chains ({@code iptables -S CHAIN}) and runs the commands.
 *
 * <p>Two concerns, both about DINP's app networks (bridges {@code dinp+}):
 * <ul>
 *   <li>{@code INPUT}: app containers open no connection to this host (where docker-proxy would
 *       hand them every app's published port, and the host's own services).</li>
 *   <li>{@code DOCKER-USER} (Docker's chain for its users' rules, first in {@code FORWARD}): new
 *       connections forwarded <em>into</em> app networks — another host reaching a published port,
 *       which Docker DNATs to the container — pass only from the {@code --allow-from} sources (the
 *       routers and health monitors). Everyone else, an app container on another node included
 *       (it arrives as that node's address), is refused. Allowed sources {@code RETURN}, so Docker's
 *       own rules still decide after them (published ports only). This host's own connections (a
 *       router or monitor beside the agent, {@code dinp up}) never cross {@code FORWARD}.</li>
 * </ul>
 * Every rule carries the comment {@code dinp-agent NODE: …}, distinct per rule: that is how the
 * agent finds its own rules again after a restart or a kill, and leaves other agents' alone.
 */
final class FirewallRules {
    static final String INPUT = "INPUT";
    static final String DOCKER_USER = "DOCKER-USER";
    static final List<String> CHAINS = List.of(INPUT, DOCKER_USER);

    private FirewallRules() {
    }

    /** One rule: its chain and what follows the chain in {@code iptables -I/-C/-D}. */
    record Rule(String chain, List<String> spec, String comment) {
        /** The arguments after {@code -C}/{@code -D}: the chain, then the rule. */
        List<String> args() {
            List<String> a = new ArrayList<>();
            a.add(chain);
            a.addAll(spec);
            return a;
        }

        /** For {@code -I CHAIN 1 …}. */
        List<String> insertArgs() {
            List<String> a = new ArrayList<>();
            a.add(chain);
            a.add("1");
            a.addAll(spec);
            return a;
        }
    }

    /** The comments of this node's rules start with it; the colon keeps node {@code n1} apart from {@code n10}. */
    static String tag(String nodeId) {
        return "dinp-agent " + nodeId + ":";
    }

    /**
     * The rules this agent wants, in chain order.
     *
     * @param inbound   the rule keeping app networks from this host's ports ({@code --host-firewall})
     * @param allowFrom sources that may reach app containers from other hosts, as {@link #cidr} made them;
     *                  null: no rule in {@code DOCKER-USER} at all
     */
    static List<Rule> rules(String nodeId, boolean inbound, List<String> allowFrom) {
        List<Rule> out = new ArrayList<>();
        String bridges = AppNetworks.BRIDGE_PREFIX + "+";
        if (inbound) {
            out.add(rule(INPUT, nodeId, "app networks reach no host port",
                    List.of("-i", bridges, "-m", "conntrack", "--ctstate", "NEW"), "REJECT"));
        }
        if (allowFrom != null) {
            for (String cidr : new LinkedHashSet<>(allowFrom)) {
                out.add(rule(DOCKER_USER, nodeId, cidr + " may reach app networks",
                        List.of("-s", cidr, "-o", bridges, "-m", "conntrack", "--ctstate", "NEW"), "RETURN"));
            }
            out.add(rule(DOCKER_USER, nodeId, "no other source reaches app networks",
                    List.of("-o", bridges, "-m", "conntrack", "--ctstate", "NEW"), "REJECT"));
        }
        return out;
    }

    private static Rule rule(String chain, String nodeId, String what, List<String> match, String target) {
        String comment = tag(nodeId) + " " + what;
        List<String> spec = new ArrayList<>(match);
        spec.addAll(List.of("-m", "comment", "--comment", comment, "-j", target));
        return new Rule(chain, List.copyOf(spec), comment);
    }

    /** What to run: deletions first (arguments after {@code -D}), then insertions (after {@code -I}). */
    record Plan(List<List<String>> delete, List<List<String>> insert) {
        boolean isEmpty() {
            return delete.isEmpty() && insert.isEmpty();
        }
    }

    /**
     * From the chains as they are to {@code wanted}. A chain whose rules of this node are exactly
     * the wanted ones, in order, is left alone (a restart changes nothing); otherwise this node's
     * rules there are deleted and the wanted ones inserted at the top, in order. Other nodes' and
     * anyone else's rules are never touched.
     *
     * @param listings {@code iptables -S CHAIN} output per chain; a chain missing here is not looked at
     *                 (and not written to: the caller could not list it)
     */
    static Plan plan(String nodeId, Map<String, String> listings, List<Rule> wanted) {
        List<List<String>> delete = new ArrayList<>();
        List<List<String>> insert = new ArrayList<>();
        Map<String, List<Rule>> byChain = new TreeMap<>();
        for (Rule r : wanted) {
            byChain.computeIfAbsent(r.chain(), c -> new ArrayList<>()).add(r);
        }
        for (String chain : CHAINS) {
            String listing = listings.get(chain);
            if (listing == null) {
                continue;
            }
            List<List<String>> ours = ours(nodeId, chain, listing);
            List<Rule> want = byChain.getOrDefault(chain, List.of());
            List<String> have = ours.stream().map(FirewallRules::commentOf).toList();
            if (have.equals(want.stream().map(Rule::comment).toList())) {
                continue;
            }
            delete.addAll(ours);
            for (int i = want.size() - 1; i >= 0; i--) {
                insert.add(want.get(i).insertArgs());
            }
        }
        return new Plan(delete, insert);
    }

    /** This node's rules in one chain's listing, each as the arguments of {@code -D}. */
    static List<List<String>> ours(String nodeId, String chain, String listing) {
        List<List<String>> out = new ArrayList<>();
        for (String line : listing.lines().toList()) {
            if (!line.startsWith("-A " + chain + " ")) {
                continue;
            }
            List<String> words = split(line);
            String comment = commentOf(words);
            if (comment != null && comment.startsWith(tag(nodeId) + " ")) {
                out.add(List.copyOf(words.subList(1, words.size())));
            }
        }
        return out;
    }

    private static String commentOf(List<String> words) {
        int i = words.indexOf("--comment");
        return i < 0 || i + 1 >= words.size() ? null : words.get(i + 1);
    }

    /** The words of an {@code iptables -S} line; it double-quotes a comment with spaces. */
    static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && quoted && i + 1 < line.length()) {
                cur.append(line.charAt(++i));
            } else if (c == '"') {
                quoted = !quoted;
                any = true;
            } else if (c == ' ' && !quoted) {
                if (any || !cur.isEmpty()) {
                    out.add(cur.toString());
                    cur.setLength(0);
                    any = false;
                }
            } else {
                cur.append(c);
            }
        }
        if (any || !cur.isEmpty()) {
            out.add(cur.toString());
        }
        return out;
    }

    /**
     * One {@code --allow-from} entry as iptables writes it back: an IPv4 address ({@code /32}) or
     * CIDR, e.g. {@code 10.0.0.5} → {@code 10.0.0.5/32}.
     *
     * @throws IllegalArgumentException naming the option, for anything else or host bits set
     */
    static String cidr(String entry) {
        String e = entry == null ? "" : entry.strip();
        String rule = "--allow-from: not an IPv4 address or CIDR (e.g. 10.0.0.5 or 10.0.1.0/24): '" + e + "'";
        int slash = e.indexOf('/');
        String addr = slash < 0 ? e : e.substring(0, slash);
        int prefix;
        long a;
        try {
            prefix = slash < 0 ? 32 : Integer.parseInt(e.substring(slash + 1));
            a = Integer.toUnsignedLong(SubnetPool.address(addr));
        } catch (NumberFormatException ex) {
            throw new IllegalArgumentException(rule);
        }
        if (prefix < 0 || prefix > 32) {
            throw new IllegalArgumentException(rule);
        }
        long mask = prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
        if ((a & mask) != a) {
            throw new IllegalArgumentException("--allow-from: " + e + " has host bits set; the network is "
                    + SubnetPool.text((int) (a & mask)) + "/" + prefix);
        }
        return SubnetPool.text((int) a) + "/" + prefix;
    }

    /** Every entry through {@link #cidr}, duplicates once, in the order given. */
    static List<String> cidrs(List<String> entries) {
        Set<String> out = new LinkedHashSet<>();
        for (String e : entries) {
            out.add(cidr(e));
        }
        return List.copyOf(out);
    }
}
