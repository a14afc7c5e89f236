package io.dinp.pki;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Set;

/**
 * Trust on first contact, pinned: a component that has only a join token accepts a server whose
 * chain contains a CA certificate with the token's fingerprint, whose chain validates up to that
 * CA, and whose certificate names the server role. A server with another CA (a man in the
 * middle) fails the handshake before the token is sent.
 */
public final class PinnedCaTrust extends HostlessTrustManager {
    private final String fingerprint;

    public PinnedCaTrust(String caFingerprint) {
        this.fingerprint = caFingerprint;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        X509Certificate ca = null;
        for (X509Certificate c : chain) {
            if (Fingerprints.sha256(c).equals(fingerprint)) {
                ca = c;
            }
        }
        if (ca == null) {
            throw new CertificateException("the server's certificate chain holds no CA with the join token's fingerprint "
                    + fingerprint + ": a different cluster, or someone in between");
        }
        ClusterTrust.pkixTrusting(ca).checkServerTrusted(chain, authType);
        ClusterTrust.checkRole(chain, Set.of(Role.SERVER));
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("a pinned trust is for reaching a server, not for accepting clients");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
