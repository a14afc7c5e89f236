package io.dinp.pki;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Where the CA lives: {@code ca.pem} (the certificate, public) and {@code ca.key} (mode 600) in a
 * directory of the server's data directory, or files the operator gives.
 */
public final class CaFiles {
    public static final String CERT = "ca.pem";
    public static final String KEY = "ca.key";

    private CaFiles() {
    }

    /** Whether {@code dir} holds a CA. */
    public static boolean exists(Path dir) {
        return Files.exists(dir.resolve(CERT)) || Files.exists(dir.resolve(KEY));
    }

    /** The CA in {@code dir}, made and written there first when there is none. */
    public static ClusterCa loadOrCreate(Path dir, String name, Instant now) throws IOException {
        if (exists(dir)) {
            return load(dir.resolve(CERT), dir.resolve(KEY));
        }
        ClusterCa ca = ClusterCa.create(name, now);
        // the key first: a certificate without its key would be a CA nobody can use
        SecretFiles.write(dir.resolve(KEY), Pem.privateKey(ca.key()));
        SecretFiles.write(dir.resolve(CERT), Pem.certificate(ca.certificate()));
        return ca;
    }

    /**
     * A CA from its PEM files.
     *
     * @throws IllegalArgumentException naming the file and what is wrong with it
     */
    public static ClusterCa load(Path certFile, Path keyFile) throws IOException {
        if (!Files.isReadable(certFile)) {
            throw new IllegalArgumentException(certFile + ": cannot read the CA certificate");
        }
        if (!Files.isReadable(keyFile)) {
            throw new IllegalArgumentException(keyFile + ": cannot read the CA key");
        }
        if (SecretFiles.readableByOthers(keyFile)) {
            throw new IllegalArgumentException(keyFile + ": the CA key is readable by others: chmod 600 " + keyFile);
        }
        java.security.cert.X509Certificate cert;
        try {
            cert = Pem.certificate(SecretFiles.read(certFile));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(certFile + ": " + e.getMessage(), e);
        }
        java.security.PrivateKey key;
        try {
            key = Pem.privateKey(SecretFiles.read(keyFile));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(keyFile + ": " + e.getMessage(), e);
        }
        try {
            return new ClusterCa(cert, key);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(certFile + ", " + keyFile + ": " + e.getMessage(), e);
        }
    }
}
