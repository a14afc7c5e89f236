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
    @Option(names = "--server", required = true, paramLabel = "URL", description = "the server's control API, e.g. http://10.0.0.1:7071")
    String server;

    @Mixin
    JoinTokenOption joinToken;

    @Option(names = "--id", description = "this monitor's id, unique in the cluster (default: <hostname>-<pid>)")
    String id;

    @Override
    public Integer call() throws Exception {
        String me = id == null ? defaultId() : id;
        if (!me.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,62}")) {
            System.err.println("dinp hm: --id must be letters, digits, '.', '_', '-', at most 63");
            return 2;
        }
        HmNode hm = new HmNode(me, new HttpHealthMonitors(server, joinToken.token()), Clock.systemUTC()).start();
        System.out.println("dinp hm: monitor " + me + " checking instances for " + server);
        Blocking.runUntilStopped(List.of(hm));
        return 0;
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
