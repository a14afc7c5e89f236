package io.dinp.router;

import io.dinp.model.TlsCertificate;
import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLSession;

/**
 * The names a TLS connection was made for: the server name the client asked for (SNI), which
 * chose the certificate, and the DNS names that certificate covers. A request on the connection
 * for another host is misdirected unless the certificate covers that host too: a client may reuse
 * a connection for any name its certificate covers (HTTP/2 connection coalescing), but for any
 * other name the router must not answer with the wrong certificate's authority (RFC 9110, 15.5.20).
 *
 * @param serverName       the SNI name, lower case without a trailing dot; null when the client sent none
 * @param certificateNames the DNS names of the certificate served (its subject alternative names)
 */
record TlsNames(String serverName, List<String> certificateNames) {
    /** Set on a TLS connection once its handshake is done; its HTTP/2 streams find it on their parent. */
    static final AttributeKey<TlsNames> KEY = AttributeKey.valueOf("dinp.tlsNames");

    TlsNames {
        certificateNames = List.copyOf(certificateNames);
    }

    /** The names of the connection a request arrived on (the channel itself, or an HTTP/2 stream's parent); null for plain HTTP. */
    static TlsNames of(Channel channel) {
        TlsNames names = channel.attr(KEY).get();
        if (names == null && channel.parent() != null) {
            names = channel.parent().attr(KEY).get();
        }
        return names;
    }

    /** From the handshake's server name and the certificate the session sent. */
    static TlsNames of(String serverName, SSLSession session) {
        String sni = serverName == null || serverName.isEmpty() ? null : serverName.toLowerCase(Locale.ROOT);
        if (sni != null && sni.endsWith(".")) {
            sni = sni.substring(0, sni.length() - 1);
        }
        Certificate[] sent = session.getLocalCertificates();
        List<String> names = sent == null || sent.length == 0 || !(sent[0] instanceof X509Certificate leaf)
                ? List.of() : dnsNames(leaf);
        return new TlsNames(sni, names);
    }

    /**
     * Whether a request for {@code host} does not belong on this connection: the client named
     * another server in its handshake and the certificate it got does not cover this host. A
     * client that sent no server name is never misdirected: it asked for no one in particular.
     *
     * @param host a normalized host name (lower case, no port, no trailing dot)
     */
    boolean misdirected(String host) {
        if (serverName == null || host.equals(serverName)) {
            return false;
        }
        for (String name : certificateNames) {
            if (TlsCertificate.covers(name, host)) {
                return false;
            }
        }
        return true;
    }

    private static List<String> dnsNames(X509Certificate leaf) {
        List<String> names = new ArrayList<>();
        try {
            Collection<List<?>> sans = leaf.getSubjectAlternativeNames();
            if (sans != null) {
                for (List<?> san : sans) {
                    if (Integer.valueOf(2).equals(san.get(0))) { // dNSName
                        names.add(String.valueOf(san.get(1)).toLowerCase(Locale.ROOT));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            // unreadable names cover nothing: requests for other hosts get 421 and a new connection
        }
        return names;
    }
}
