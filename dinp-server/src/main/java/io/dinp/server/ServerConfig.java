package io.dinp.server;

import io.dinp.core.ReconcileSettings;
import java.time.Duration;

/**
 * Settings of the controller.
 *
 * @param port        port of the control API (HTTPS, mutual TLS) for agents, monitors and dash; -1 = no API (one JVM)
 * @param nodeTimeout a node silent this long is down and its instances are placed elsewhere
 * @param resync      full re-read of the desired state this often, as a safety net
 * @param settle      after a start, how long to collect agents' reports before deciding
 */
public record ServerConfig(String bindHost, int port, Duration nodeTimeout, Duration resync,
                           Duration settle, ReconcileSettings reconcile) {

    public static ServerConfig defaults() {
        return new ServerConfig("0.0.0.0", 7071, Duration.ofSeconds(10), Duration.ofSeconds(5),
                Duration.ofSeconds(3), ReconcileSettings.DEFAULTS);
    }

    public ServerConfig withPort(int p) {
        return new ServerConfig(bindHost, p, nodeTimeout, resync, settle, reconcile);
    }

    public ServerConfig withSettle(Duration s) {
        return new ServerConfig(bindHost, port, nodeTimeout, resync, s, reconcile);
    }
}
