package io.dinp.testkit;

import java.io.IOException;
import java.util.List;

/**
 * Cleans up the iptables rule an agent adds for its app networks ("dinp-agent NODE: ..."), for
 * tests that kill an agent before it could remove its own.
 */
public final class Firewall {
    private Firewall() {
    }

    /** Removes every INPUT rule tagged with {@code node}'s id; quietly nothing without iptables. */
    public static void removeRulesOf(String node) {
        String listing = run(List.of("iptables", "-w", "5", "-S", "INPUT"));
        if (listing == null) {
            return;
        }
        for (String line : listing.lines().filter(l -> l.startsWith("-A INPUT") && l.contains("dinp-agent " + node + ":")).toList()) {
            List<String> args = new java.util.ArrayList<>(List.of("iptables", "-w", "5"));
            args.addAll(split(line.replaceFirst("^-A", "-D")));
            run(args);
        }
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
