package io.dinp.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A network namespace standing for another host: its own address on a veth pair to this host,
 * which a process run {@linkplain #wrapper() inside it} reaches this host's services through, and a
 * firewall of its own that can cut it off ({@link #partition}) and let it back ({@link #heal}).
 * The file system is shared: a process inside still reaches the Docker Engine's unix socket.
 * Needs root and {@code ip}/{@code iptables}.
 */
final class NetworkNamespace implements AutoCloseable {
    final String name;
    /** This host's end of the veth pair, as the namespace reaches it. */
    final String hostAddress;
    /** The namespace's own address. */
    final String address;
    private final String hostLink;

    private NetworkNamespace(String id, int octet, int subnet) {
        this.name = "dinp-" + id;
        this.hostLink = "vd" + id; // interface names: at most 15 characters
        this.hostAddress = "10.213." + octet + "." + (subnet + 1);
        this.address = "10.213." + octet + "." + (subnet + 2);
    }

    /** Whether this machine lets the test make namespaces (root, iproute2, iptables). */
    static boolean available() {
        try {
            return new ProcessBuilder("bash", "-c", "[ \"$(id -u)\" = 0 ] && command -v ip && command -v iptables")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** Makes the namespace {@code dinp-ID} and its link to this host. */
    static NetworkNamespace create(String id) throws IOException {
        String inUse = new String(new ProcessBuilder("ip", "-4", "-o", "addr").start().getInputStream().readAllBytes(),
                StandardCharsets.UTF_8);
        NetworkNamespace ns = null;
        for (int tries = 0; tries < 64 && ns == null; tries++) {
            // a /30 in 10.213.0.0/16 that no address of this host is in yet
            NetworkNamespace candidate = new NetworkNamespace(id, ThreadLocalRandom.current().nextInt(0, 256),
                    ThreadLocalRandom.current().nextInt(0, 64) * 4);
            if (!inUse.contains(" " + candidate.hostAddress + "/") && !inUse.contains(" " + candidate.address + "/")) {
                ns = candidate;
            }
        }
        if (ns == null) {
            throw new IOException("no free /30 in 10.213.0.0/16 on this host");
        }
        String peer = "vn" + id;
        sh("ip netns add " + ns.name
                + " && ip link add " + ns.hostLink + " type veth peer name " + peer
                + " && ip link set " + peer + " netns " + ns.name
                + " && ip addr add " + ns.hostAddress + "/30 dev " + ns.hostLink
                + " && ip link set " + ns.hostLink + " up"
                + " && ip netns exec " + ns.name + " ip addr add " + ns.address + "/30 dev " + peer
                + " && ip netns exec " + ns.name + " ip link set " + peer + " up"
                + " && ip netns exec " + ns.name + " ip link set lo up");
        return ns;
    }

    /** The command that runs a program inside (it execs the program: its pid is the program's). */
    List<String> wrapper() {
        return List.of("ip", "netns", "exec", name);
    }

    /** Drops every packet between the namespace and this host, silently, as a cut cable or a lost switch would. */
    void partition() throws IOException {
        sh(inside("iptables -w 5 -I OUTPUT -d " + hostAddress + " -j DROP")
                + " && " + inside("iptables -w 5 -I INPUT -s " + hostAddress + " -j DROP"));
    }

    void heal() throws IOException {
        sh(inside("iptables -w 5 -D OUTPUT -d " + hostAddress + " -j DROP")
                + " && " + inside("iptables -w 5 -D INPUT -s " + hostAddress + " -j DROP"));
    }

    private String inside(String command) {
        return "ip netns exec " + name + " " + command;
    }

    private static void sh(String script) throws IOException {
        Process p = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException(script + " failed:\n" + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + script, e);
        }
    }

    /** Removes the namespace, and with it both ends of the veth pair. */
    @Override
    public void close() throws IOException {
        sh("ip netns del " + name + " 2>/dev/null; ip link del " + hostLink + " 2>/dev/null; true");
    }
}
