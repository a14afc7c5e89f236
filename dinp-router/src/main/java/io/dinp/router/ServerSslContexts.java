package io.dinp.router;

import io.dinp.model.TlsCertificate;
import io.netty.handler.codec.http2.Http2SecurityUtil;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;

/**
 * Makes the server side of TLS from a certificate: the JDK's TLS 1.3 and 1.2 with HTTP/2-safe
 * ciphers, offering {@code h2} then {@code http/1.1} by ALPN.
 */
final class ServerSslContexts {
    private static final Pattern CERT = Pattern.compile(
            "-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\\s]+)-----END CERTIFICATE-----");
    private static final Pattern KEY = Pattern.compile(
            "-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");

    private ServerSslContexts() {
    }

    /** @throws IllegalArgumentException when the chain or the key does not parse */
    static SslContext build(TlsCertificate certificate) {
        X509Certificate[] chain = chain(certificate.chainPem());
        PrivateKey key = key(certificate.keyPem(), chain[0].getPublicKey().getAlgorithm());
        try {
            return SslContextBuilder.forServer(key, chain)
                    .sslProvider(SslProvider.JDK)
                    .protocols("TLSv1.3", "TLSv1.2")
                    .ciphers(Http2SecurityUtil.CIPHERS, SupportedCipherSuiteFilter.INSTANCE)
                    .applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                            // A client offering neither gets no ALPN answer and speaks HTTP/1.1.
                            ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                            ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                            ApplicationProtocolNames.HTTP_2, ApplicationProtocolNames.HTTP_1_1))
                    .build();
        } catch (SSLException e) {
            throw new IllegalArgumentException("the certificate and key make no TLS context: " + e.getMessage(), e);
        }
    }

    /** The certificates in PEM order (leaf first), ignoring text between the blocks as openssl leaves it. */
    private static X509Certificate[] chain(String pem) {
        List<X509Certificate> chain = new ArrayList<>();
        Matcher m = CERT.matcher(pem);
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            while (m.find()) {
                byte[] der = Base64.getMimeDecoder().decode(m.group(1));
                chain.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("the chain does not parse: " + e.getMessage(), e);
        }
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("the chain holds no certificate");
        }
        return chain.toArray(X509Certificate[]::new);
    }

    /** An unencrypted PKCS#8 key of the leaf's algorithm (RSA, EC, EdDSA). */
    private static PrivateKey key(String pem, String algorithm) {
        Matcher m = KEY.matcher(pem);
        if (!m.find()) {
            throw new IllegalArgumentException("the key is not an unencrypted PKCS#8 PEM key");
        }
        try {
            return KeyFactory.getInstance(algorithm)
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getMimeDecoder().decode(m.group(1))));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("the key is not a " + algorithm + " key: " + e.getMessage(), e);
        }
    }
}
