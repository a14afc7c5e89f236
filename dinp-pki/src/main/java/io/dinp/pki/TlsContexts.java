package io.dinp.pki;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;

/** SSL contexts from the pieces of this package: TLS 1.3 and 1.2 only. */
public final class TlsContexts {
    static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private TlsContexts() {
    }

    /**
     * @param keys  what this side presents, or null (a client before it has a certificate)
     * @param trust how it judges the peer, or null for the JDK's default trust (public CAs)
     */
    public static SSLContext of(KeyManager keys, TrustManager trust) {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(keys == null ? null : new KeyManager[] {keys}, trust == null ? null : new TrustManager[] {trust},
                    new SecureRandom());
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JVM has no TLS", e);
        }
    }

    /** Parameters for a server socket: the protocols above, and whether a client certificate is required. */
    public static SSLParameters serverParameters(SSLContext ctx, ClientAuth clientAuth) {
        SSLParameters p = ctx.getDefaultSSLParameters();
        p.setProtocols(PROTOCOLS);
        switch (clientAuth) {
            case NEED -> p.setNeedClientAuth(true);
            case WANT -> p.setWantClientAuth(true);
            case NONE -> {
                // users' browsers and the CLI have no certificate
            }
        }
        return p;
    }

    /** Whether a server asks its clients for a certificate. */
    public enum ClientAuth {
        /** The public API: users have no certificates. */
        NONE,
        /** The control API: enrolment comes without one; every other route refuses a request without one. */
        WANT,
        /** The agent's log endpoint: no certificate, no handshake. */
        NEED
    }
}
