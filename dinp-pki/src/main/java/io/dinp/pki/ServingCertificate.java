package io.dinp.pki;

import io.dinp.model.KeyProof;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.X509KeyManager;

/**
 * A certificate the operator gives for serving HTTPS to users ({@code --tls-cert}, {@code --tls-key}):
 * a PEM chain, leaf first, and its unencrypted PKCS#8 key, checked when read.
 */
public final class ServingCertificate {
    private ServingCertificate() {
    }

    /**
     * @throws IllegalArgumentException naming the file and what is wrong with it
     */
    public static X509KeyManager read(Path chainFile, Path keyFile, Instant now) throws IOException {
        List<X509Certificate> chain;
        PrivateKey key;
        try {
            chain = Pem.certificates(SecretFiles.read(chainFile));
        } catch (IllegalArgumentException | java.nio.file.NoSuchFileException e) {
            throw new IllegalArgumentException(chainFile + ": " + e.getMessage(), e);
        }
        try {
            key = Pem.privateKey(SecretFiles.read(keyFile));
        } catch (IllegalArgumentException | java.nio.file.NoSuchFileException e) {
            throw new IllegalArgumentException(keyFile + ": " + e.getMessage(), e);
        }
        X509Certificate leaf = chain.getFirst();
        if (!KeyProof.matches(key, leaf.getPublicKey())) {
            throw new IllegalArgumentException(keyFile + ": does not belong to the certificate in " + chainFile);
        }
        if (now.isBefore(leaf.getNotBefore().toInstant()) || now.isAfter(leaf.getNotAfter().toInstant())) {
            throw new IllegalArgumentException(chainFile + ": not valid now (valid " + leaf.getNotBefore().toInstant()
                    + " to " + leaf.getNotAfter().toInstant() + ")");
        }
        return keyManager(key, chain);
    }

    static X509KeyManager keyManager(PrivateKey key, List<X509Certificate> chain) {
        try {
            char[] none = new char[0];
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("serving", key, none, chain.toArray(X509Certificate[]::new));
            KeyManagerFactory f = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            f.init(ks, none);
            return (X509KeyManager) f.getKeyManagers()[0];
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot hold the serving certificate", e);
        }
    }
}
