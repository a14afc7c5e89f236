package io.dinp.dist;

import io.dinp.common.pki.ClusterIdentity;
import io.dinp.common.pki.ClusterJoin;
import io.dinp.common.pki.EnrolmentRefused;
import io.dinp.pki.CredentialFiles;
import io.dinp.pki.Fingerprints;
import io.dinp.pki.Identity;
import io.dinp.store.ClusterCaStore;
import io.dinp.store.Database;
import io.dinp.store.JoinTokenStore;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * How dash joins: it shares the server's database, which is what decides who runs what in the
 * cluster (whoever may write it controls everything already), so it makes its own one-time token
 * there and trusts the CA the server recorded there, then joins like any other component. No
 * token to hand to dash; its certificate lives in DATA_DIR/pki/dash-<id> and renews by itself.
 */
final class DashJoin {
    static final Duration OWN_TOKEN_TTL = Duration.ofMinutes(10);

    private DashJoin() {
    }

    static ClusterIdentity join(String serverUrl, Database db, Path dataDir, Identity me, List<String> names, Clock clock)
            throws IOException, InterruptedException, EnrolmentRefused {
        var stored = CredentialFiles.in(dataDir, me).load();
        if (stored.isPresent() && stored.get().validAt(clock.instant())) {
            return ClusterJoin.join(serverUrl, dataDir, me, names, null, clock);
        }
        var ca = new ClusterCaStore(db, clock).get()
                .orElseThrow(() -> new IOException("the database has no cluster CA yet: start dinp server first"));
        String token = new JoinTokenStore(db, clock).issue(Fingerprints.sha256(ca), me.role(), OWN_TOKEN_TTL, "dash").token().value();
        return ClusterJoin.join(serverUrl, dataDir, me, names, token, clock);
    }
}
