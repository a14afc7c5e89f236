package io.dinp.testkit;

import java.io.IOException;
import java.util.List;

/**
 * Cleans up the iptables rules an agent adds for its app networks ("dinp-agent NODE: ..." in
 * INPUT and DOCKER-USER), for tests that kill an agent before it could remove its own.
 */
public final class Firewall {
    private Firewall() {
    }

    /** Removes every INPUT and DOCKER-USER rule tagged with {@code node}'s id; quietly nothing without iptables. */
    public static void removeRulesOf(String node) {
        for (String line : rulesOf(node)) {
            run(deleteArgs(line));
        }
    }

    /** The command that deletes the rule {@code iptables -S} printed as {@code line}. */
    public static List<String> deleteArgs(String line) {
        List<String> args = new java.util.ArrayList<>(List.of("iptables", "-w", "5"));
        args.addAll(split(line.replaceFirst("^-A", "-D")));
        return args;
    }

    /** The rules tagged with {@code node}'s id as {@code iptables -S} prints them, INPUT's then DOCKER-USER's. */
    public static List<String> rulesOf(String node) {
        List<String> out = new java.util.ArrayList<>();
        for (String chain : List.of("INPUT", "DOCKER-USER")) {
            String listing = run(List.of("iptables", "-w", "5", "-S", chain));
            if (listing != null) {
                listing.lines().filter(l -> l.startsWith("-A " + chain + " ") && l.contains("\"dinp-agent " + node + ":"))
                        .forEach(out::add);
            }
        }
        return out;
    }

    /** iptables -S quotes the comment; the rest are single words. */
    static List<String> split(String line) {
        List<String> out = new java.util.ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (char c : line.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ' ' && !quoted) {
                if (!cur.isEmpty()) {
                    out.add(cur.toString());
                    cur.setLength(0);
                }
            } else {
                cur.append(c);
            }
        }
        if (!cur.isEmpty()) {
            out.add(cur.toString());
        }
        return out;
    }

    private static String run(List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            return p.waitFor() == 0 ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
