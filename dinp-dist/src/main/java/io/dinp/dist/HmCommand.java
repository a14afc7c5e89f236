package io.dinp.dist;

import io.dinp.common.http.HttpHealthMonitors;
import io.dinp.hm.HmNode;
import java.net.InetAddress;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code dinp hm}: a health monitor; several share the instances, and a dead one's share moves to the others. */
@Command(name = "hm", mixinStandardHelpOptions = true,
        description = "Run a health monitor: HTTP checks of the instances the server assigns it; "
                + "transitions go back to the server, which routes only healthy instances.")
final class HmCommand implements Callable<Integer> {
    @Option(names = "--server", required = true, paramLabel = "URL", description = "the server's control API, e.g. https://10.0.0.1:7071; several servers separated by commas: the one that leads "
            + "is followed by itself")
    String server;

    @Mixin
    JoinTokenOption joinToken;

    @Option(names = "--id", description = "this monitor's id, unique in the cluster: its certificate names it "
            + "(default: <hostname>; give each monitor on one host its own)")
    String id;

    @Option(names = "--data-dir", defaultValue = "${user.home}/.dinp",
            description = "data directory: this monitor's certificate in pki/hm-<id>, mode 600 (default: ${DEFAULT-VALUE})")
    java.nio.file.Path dataDir;

    @Mixin
    MetricsOptions metrics;

    @Override
    public Integer call() throws Exception {
        String me = id == null ? hostId() : id;
        if (!me.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,62}")) {
            System.err.println("dinp hm: --id must be letters, digits, '.', '_', '-', at most 63");
            return 2;
        }
        String serverUrl;
        try {
            metrics.check();
            serverUrl = io.dinp.common.http.JsonClient.httpsBase(server);
        } catch (IllegalArgumentException e) {
            System.err.println("dinp hm: " + e.getMessage());
            return 2;
        }
        String token = joinToken.token();
        io.dinp.pki.Identity who = new io.dinp.pki.Identity(io.dinp.pki.Role.HM, me);
        io.dinp.common.pki.ClusterIdentity identity;
        try {
            identity = Joining.untilJoined("hm", serverUrl, () -> io.dinp.common.pki.ClusterJoin.join(serverUrl, dataDir, who,
                    List.of(), token, Clock.systemUTC()));
        } catch (io.dinp.common.pki.EnrolmentRefused e) {
            System.err.println("dinp hm: cannot join: " + e.getMessage());
            return 2;
        }
        HmNode hm = new HmNode(me, new HttpHealthMonitors(serverUrl, identity.httpClient(io.dinp.pki.Role.SERVER)),
                Clock.systemUTC()).start();
        System.out.println("dinp hm: monitor " + me + " checking instances for " + server);
        List<AutoCloseable> parts = new java.util.ArrayList<>(List.of(identity, hm));
        metrics.start("dinp hm", new io.dinp.common.metrics.Healthz().add("hm", hm::health), parts, List.of());
        Blocking.runUntilStopped(parts);
        return 0;
    }

    /** The host's name, as a monitor id: stable across restarts, so its certificate stays its own. */
    static String hostId() {
        String d = defaultId();
        return d.substring(0, d.lastIndexOf('-'));
    }

    static String defaultId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "hm";
        }
        return (host.replaceAll("[^A-Za-z0-9._-]", "-") + "-" + ProcessHandle.current().pid()).replaceFirst("^[^A-Za-z0-9]+", "");
    }
}
