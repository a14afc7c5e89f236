package io.dinp.common.pki;

import io.dinp.pki.CertificatePolicy;
import io.dinp.pki.ClusterCa;
import io.dinp.pki.Credentials;
import io.dinp.pki.Identity;
import io.dinp.pki.KeyPairs;
import io.dinp.pki.Role;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** A CA and credentials for tests. */
final class TestPki {
    final ClusterCa ca = ClusterCa.create("test", Instant.now());

    Credentials credentials(Role role, String id) {
        var keys = KeyPairs.ecP256();
        return new Credentials(keys.getPrivate(), ca.issue(keys.getPublic(), new Identity(role, id), List.of(), Instant.now(),
                CertificatePolicy.DEFAULT), ca.certificate());
    }

    ClusterIdentity identity(Role role, String id) {
        return new ClusterIdentity(credentials(role, id), null, Clock.systemUTC());
    }
}
