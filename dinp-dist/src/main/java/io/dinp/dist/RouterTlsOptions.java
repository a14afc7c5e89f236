package io.dinp.dist;

import io.dinp.model.TlsCertificate;
import io.dinp.router.CertificateFiles;
import io.dinp.router.RouterConfig;
import java.nio.file.Path;
import java.time.Instant;
import picocli.CommandLine.Option;

/** The router's TLS listener and its default certificate, for {@code dinp router} and {@code dinp up}. */
final class RouterTlsOptions {
    @Option(names = "--tls-port", paramLabel = "PORT",
            description = "also serve HTTPS on this port, HTTP/2 or HTTP/1.1 by ALPN; the certificate is chosen by SNI: "
                    + "a custom domain's own, else --tls-cert, else the handshake is refused; apps with httpsRedirect "
                    + "are redirected here from plain HTTP (default: no TLS)")
    Integer port;

    @Option(names = "--tls-cert", paramLabel = "FILE",
            description = "PEM certificate chain (leaf first) naming *.<apps-domain>, for names without a certificate "
                    + "of their own and clients sending none; needs --tls-port and --tls-key")
    Path certificate;

    @Option(names = "--tls-key", paramLabel = "FILE",
            description = "unencrypted PKCS#8 PEM key of --tls-cert (convert with: openssl pkcs8 -topk8 -nocrypt)")
    Path key;

    /**
     * The config with the TLS listener asked for, its certificate read and checked now.
     *
     * @throws IllegalArgumentException saying which option is wrong and why
     */
    RouterConfig applyTo(RouterConfig config) {
        if ((certificate == null) != (key == null)) {
            throw new IllegalArgumentException("--tls-cert and --tls-key go together");
        }
        if (port == null) {
            if (certificate != null) {
                throw new IllegalArgumentException("--tls-cert needs --tls-port");
            }
            return config;
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--tls-port must be 0-65535, was " + port);
        }
        if (port != 0 && port == config.port()) {
            throw new IllegalArgumentException("--tls-port must differ from the HTTP port " + config.port());
        }
        TlsCertificate defaultCertificate = certificate == null ? null
                : CertificateFiles.read(certificate, key, config.appsDomain(), Instant.now());
        return config.withTls(port, defaultCertificate);
    }
}
