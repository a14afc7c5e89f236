package io.dinp.router;

import io.dinp.model.TlsCertificate;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;

/** Reads the router's default TLS certificate from PEM files, checked as an uploaded certificate is. */
public final class CertificateFiles {
    private CertificateFiles() {
    }

    /**
     * The certificate for {@code *.<appsDomain>}: the chain (leaf first) and its unencrypted PKCS#8
     * key, the leaf valid at {@code now} and naming {@code *.<appsDomain>}.
     *
     * @throws IllegalArgumentException naming the file and what is wrong with it
     */
    public static TlsCertificate read(Path chainFile, Path keyFile, String appsDomain, Instant now) {
        TlsCertificate certificate = new TlsCertificate(readPem(chainFile), readPem(keyFile));
        try {
            certificate.check("*." + appsDomain, now);
        } catch (TlsCertificate.Invalid e) {
            Path file = "privateKey".equals(e.error().field()) ? keyFile : chainFile;
            throw new IllegalArgumentException(file + ": " + e.error().reason(), e);
        }
        return certificate;
    }

    private static String readPem(Path file) {
        try {
            if (Files.size(file) > TlsCertificate.MAX_PEM) {
                throw new IllegalArgumentException(file + ": larger than " + TlsCertificate.MAX_PEM
                        + " bytes, not a PEM certificate chain or key");
            }
            return Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": no such file", e);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot be read (" + e.getMessage() + ")", e);
        }
    }
}
