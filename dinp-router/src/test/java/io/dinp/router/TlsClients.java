package io.dinp.router;

import io.dinp.testkit.TestCertificates;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * TLS clients for the ITs: JDK HttpClients trusting the test certificates ({@link TestCertificates})
 * and no others. The chain is checked, the host name is not, so that a test can see which
 * certificate the router chose, fitting the name or not, in the peer's subject alternative names.
 */
final class TlsClients {
    private TlsClients() {
    }

    /**
     * A new client with a new SSLContext: no connection or TLS session is shared with another
     * client, so each one's first request makes a full handshake.
     */
    static HttpClient client(HttpClient.Version version) {
        return HttpClient.newBuilder().version(version).sslContext(trustingTestCertificates())
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    static SSLContext trustingTestCertificates() {
        try {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (String name : List.of("shop", "blog", "apps")) {
                trusted.setCertificateEntry(name, factory.generateCertificate(new ByteArrayInputStream(
                        TestCertificates.cert(name).getBytes(StandardCharsets.US_ASCII))));
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trusted);
            X509TrustManager chainCheck = (X509TrustManager) tmf.getTrustManagers()[0];
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new ChainOnly(chainCheck)}, null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The DNS names in the certificate the router served for this response. */
    static List<String> servedNames(HttpResponse<?> response) throws SSLPeerUnverifiedException {
        SSLSession session = response.sslSession().orElseThrow();
        X509Certificate leaf = (X509Certificate) session.getPeerCertificates()[0];
        List<String> names = new ArrayList<>();
        try {
            for (List<?> san : leaf.getSubjectAlternativeNames()) {
                if (Integer.valueOf(2).equals(san.get(0))) {
                    names.add((String) san.get(1));
                }
            }
        } catch (CertificateParsingException e) {
            throw new IllegalStateException(e);
        }
        return names;
    }

    /** Checks the server's chain against the trusted certificates, leaving the host name out. */
    private static final class ChainOnly extends X509ExtendedTrustManager {
        private final X509TrustManager delegate;

        ChainOnly(X509TrustManager delegate) {
            this.delegate = delegate;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            delegate.checkServerTrusted(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            delegate.checkServerTrusted(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            delegate.checkServerTrusted(chain, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("a test client does not check clients");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            throw new CertificateException("a test client does not check clients");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            throw new CertificateException("a test client does not check clients");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return delegate.getAcceptedIssuers();
        }
    }
}
