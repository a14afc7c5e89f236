package io.dinp.dist;

import io.dinp.common.pki.ClusterIdentity;
import io.dinp.dash.Loopback;
import io.dinp.pki.CaFiles;
import io.dinp.pki.CertificatePolicy;
import io.dinp.pki.ClusterCa;
import io.dinp.pki.Credentials;
import io.dinp.pki.Identity;
import io.dinp.pki.KeyPairs;
import io.dinp.pki.Role;
import io.dinp.pki.ServingCertificate;
import io.dinp.pki.TlsContexts;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import javax.net.ssl.SSLContext;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * HTTPS for {@code dinp up}'s API when it listens beyond loopback: the operator's certificate, or
 * one issued (and renewed, in memory) by a CA kept in DATA_DIR/pki/ca. On loopback: plain HTTP, so
 * the quick start stays http://127.0.0.1:7070.
 */
final class UpApiTls {
    @Option(names = "--api-tls-cert", paramLabel = "FILE", description = "PEM certificate chain (leaf first) for the API's "
            + "HTTPS when --bind is beyond loopback; default: one issued by a CA made in DATA_DIR/pki/ca")
    Path cert;

    @Option(names = "--api-tls-key", paramLabel = "FILE", description = "unencrypted PKCS#8 PEM key of --api-tls-cert")
    Path key;

    @Mixin
    HostNamesOption names;

    /** The context and, when the local CA issued it, the identity to close and where its CA is. */
    record Chosen(SSLContext context, ClusterIdentity identity, Path caFile) {
    }

    /**
     * @throws IllegalArgumentException naming the option that is wrong
     */
    Chosen choose(String bind, Path dataDir, Clock clock) throws IOException {
        if ((cert == null) != (key == null)) {
            throw new IllegalArgumentException("--api-tls-cert and --api-tls-key go together");
        }
        if (cert != null) {
            return new Chosen(TlsContexts.of(ServingCertificate.read(cert, key, clock.instant()), null), null, null);
        }
        if (Loopback.is(bind)) {
            return new Chosen(null, null, null);
        }
        Path caDir = dataDir.resolve("pki").resolve("ca");
        ClusterCa ca = CaFiles.loadOrCreate(caDir, "DINP up CA", clock.instant());
        List<String> hostNames = names.names();
        Identity me = new Identity(Role.DASH, "up");
        ClusterIdentity identity = new ClusterIdentity(issue(ca, me, hostNames, clock.instant()), null, clock)
                .renewWith(current -> issue(ca, me, hostNames, clock.instant()));
        return new Chosen(identity.serverContext(), identity, caDir.resolve(CaFiles.CERT));
    }

    private static Credentials issue(ClusterCa ca, Identity me, List<String> names, Instant now) {
        var keys = KeyPairs.ecP256();
        return new Credentials(keys.getPrivate(), ca.issue(keys.getPublic(), me, names, now, CertificatePolicy.DEFAULT),
                ca.certificate());
    }
}
