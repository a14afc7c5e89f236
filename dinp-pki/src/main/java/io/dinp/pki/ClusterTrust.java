package io.dinp.pki;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.EnumSet;
import java.util.Set;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Trusts a peer only when its chain leads to the cluster's CA and its certificate names one of
 * the given roles. The role takes the place of a host-name check, as in Nomad: components reach
 * each other by address, and what matters is that the peer is the server (or a node, or dash),
 * not what its address is. Being an {@link X509ExtendedTrustManager}, it is asked instead of the
 * JDK's own host-name check.
 */
public final class ClusterTrust extends HostlessTrustManager {
    private final X509TrustManager pkix;
    private final X509Certificate ca;
    private final Set<Role> roles;

    public ClusterTrust(X509Certificate ca, Set<Role> roles) {
        this.ca = ca;
        this.pkix = pkixTrusting(ca);
        this.roles = roles.isEmpty() ? Set.of() : EnumSet.copyOf(roles);
    }

    /** The JDK's PKIX validation with {@code anchor} as the only trust anchor. */
    static X509TrustManager pkixTrusting(X509Certificate anchor) {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setCertificateEntry("dinp-ca", anchor);
            TrustManagerFactory f = TrustManagerFactory.getInstance("PKIX");
            f.init(ks);
            for (TrustManager tm : f.getTrustManagers()) {
                if (tm instanceof X509TrustManager x) {
                    return x;
                }
            }
            throw new IllegalStateException("the JVM's PKIX trust manager factory made no X.509 trust manager");
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("cannot set up trust in the cluster CA", e);
        }
    }

    /** Checks the peer's role after the chain checked out. */
    static void checkRole(X509Certificate[] chain, Set<Role> roles) throws CertificateException {
        Identity peer;
        try {
            peer = Identity.of(chain[0]);
        } catch (IllegalArgumentException e) {
            throw new CertificateException("the peer's certificate names no DINP identity: " + e.getMessage());
        }
        if (!roles.contains(peer.role())) {
            throw new CertificateException("the peer is " + peer + ", expected a " + roles);
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        pkix.checkClientTrusted(chain, authType);
        checkRole(chain, roles);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        pkix.checkServerTrusted(chain, authType);
        checkRole(chain, roles);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[] {ca};
    }
}
